package io.expertize.experiments.bench;

import io.expertize.testing.TinyVit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The whole bench on a tiny model and tiny matrices: seconds, not a measurement. */
class BenchmarkSmokeTest {

  @Test
  void runsTheInterleavedRoundsAndReportsEveryFigure() {
    BenchSettings s = BenchSettings.builder().batch(4).warmup(1).steps(3).forwardSteps(2).matMulSizes(List.of(32, 64))
        .chain(2).profile(true).build();
    List<String> progress = new ArrayList<>();
    BenchReport r = new Benchmark(s, progress::add).run("tiny_vit", new TinyVit(8, 4, 3, 5, 16, 1, 2, 32));

    assertThat(r.train().count()).isEqualTo(3);
    assertThat(r.forward().count()).isEqualTo(2);
    assertThat(r.probes()).extracting(ProbeResult::size).containsExactly(32, 64);
    assertThat(r.probes()).allSatisfy(p -> assertThat(p.samples().count()).isEqualTo(3));
    assertThat(r.probes()).allSatisfy(p -> assertThat(p.flopsPerRun()).isEqualTo(2 * 2.0 * Math.pow(p.size(), 3)));
    assertThat(r.trainGflops()).isPositive();
    assertThat(r.trainImagesPerSec()).isEqualTo(4 / r.train().median());
    assertThat(r.trainFractionOfCeiling()).isEqualTo(r.trainGflops() / r.ceiling().gflops());
    assertThat(r.trainFractionOfCeilingPaired()).isPositive();
    assertThat(r.parameters()).isPositive();
    assertThat(progress).anyMatch(l -> l.startsWith("round 3/3"));

    assertThat(r.profile().byType()).isNotEmpty();
    assertThat(r.profile().matMulMillis()).isPositive();
    assertThat(r.profile().byType()).anyMatch(e -> e.type().contains("ApplyAdam"));

    assertThat(ReportTable.format(r)).contains("train step", "forward only", "ceiling", "profile");
    Map<String, Object> json = ReportJson.toMap(r);
    assertThat(json).containsKeys("matmul", "ceiling_gflops", "train", "forward", "flops", "profile");
  }

  @Test
  void forwardPassesAreSpreadOverTheRounds() {
    BenchSettings s = BenchSettings.builder().batch(1).warmup(0).steps(20).forwardSteps(7).matMulSizes(List.of(8))
        .chain(1).build();
    assertThat(IntStream.range(0, 20).filter(s::forwardInRound).count()).isEqualTo(7);
  }

  @Test
  void forwardStepsDefaultToHalfTheStepsAndAreChecked() {
    BenchSettings.Builder b = BenchSettings.builder().batch(1).warmup(0).steps(9).matMulSizes(List.of(8)).chain(1);
    assertThat(b.build().forwardSteps()).isEqualTo(4);
    assertThatThrownBy(() -> b.forwardSteps(10).build()).hasMessage("forward steps must be in [0, steps=9], got 10");
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(new Samples(new double[] {3, 1, 2}).median()).isEqualTo(2);
    assertThat(new Samples(new double[] {4, 1, 3, 2}).median()).isEqualTo(2.5);
    assertThat(new Samples(new double[] {4, 1, 3, 2}).min()).isEqualTo(1);
  }
}
