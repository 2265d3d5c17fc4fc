package io.expertize.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.annotations.Scheme;
import io.expertize.registry.ModelRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.AllocatorMemoryUsed;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.StepStats;

/** {@code bench experts} on a tiny model: seconds, not a measurement (no timing is asserted). */
class ExpertBenchmarkSmokeTest {
  /** 8x8 images, patch 4 (4 patches + class token), width 16, FFN 16 -> 64 -> 16. */
  private static final ModelSpec TINY = new ModelSpec("tiny_vit", ModelRequest.builder().images(8, 3, 5).patchSize(4).dim(16).depth(1).heads(2).build());
  /** One more copy of the FFN: fc1 16x64 + 64, fc2 64x16 + 16. */
  private static final long FFN = 16 * 64 + 64 + 64 * 16 + 16;
  private static final long ROUTER = 16 * 2 + 2;

  private static ExpertBenchSettings settings(List<ExpertConfig> configs, boolean timing, boolean memory, int profile) {
    return ExpertBenchSettings.builder().batch(4).configs(configs).warmup(1).rounds(3).timing(timing).memory(memory)
        .memorySteps(1).memoryRepeats(1).profileSteps(profile).seed(7).build();
  }

  @Test
  void timesEveryConfigurationInInterleavedRoundsAndProfilesThem() {
    List<ExpertConfig> configs = new ArrayList<>(ExpertConfig.grid(
        List.of(Scheme.STATIC, Scheme.DYNAMIC, Scheme.MEMORY_BANK, Scheme.EWA, Scheme.TOP_K), List.of(2)));
    configs.add(new ExpertConfig(Scheme.EWA, 3));
    List<String> progress = new ArrayList<>();
    ExpertBenchReport r = new ExpertBenchmark(settings(configs, true, false, 1), progress::add).run(TINY);

    assertThat(r.results()).extracting(x -> x.config().label()).containsExactly(
        "dense", "sw-2", "dw-2", "mb-2", "ewa-2", "topk-2", "ewa-3");
    assertThat(r.tokens()).isEqualTo(5);
    ExpertBenchReport.Result dense = r.dense();
    assertThat(dense.steps().count()).isEqualTo(2 * 3); // one per block (N = 2, 3) per round
    assertThat(dense.ratios()).isNull();
    assertThat(dense.trainingParameters()).isEqualTo(r.deployedParameters());
    for (ExpertBenchReport.Result x : r.results().subList(1, r.results().size())) {
      assertThat(x.steps().count()).isEqualTo(3);
      assertThat(x.ratios().count()).isEqualTo(3);
      assertThat(x.cpuRatios().count()).isEqualTo(3);
      assertThat(x.ratios().median()).isPositive();
      assertThat(x.profile().byType()).isNotEmpty();
      assertThat(x.memory()).isNull();
    }
    assertThat(r.extraParameters(find(r, "sw-2"))).isEqualTo(FFN);
    assertThat(r.extraParameters(find(r, "ewa-3"))).isEqualTo(2 * FFN);
    assertThat(r.extraParameters(find(r, "dw-2"))).isEqualTo(FFN + 2); // the mixing weights
    assertThat(r.extraParameters(find(r, "mb-2"))).isEqualTo(FFN + ROUTER);
    assertThat(r.extraParameters(find(r, "topk-2"))).isEqualTo(FFN + ROUTER);
    assertThat(r.expectedExtraBytes(find(r, "sw-2"))).isEqualTo(16 * FFN);
    assertThat(progress).anyMatch(l -> l.startsWith("warm-up round 1/1"))
        .anyMatch(l -> l.startsWith("round 3/3")).anyMatch(l -> l.startsWith("tracing"));

    String table = ExpertReportTable.format(r);
    assertThat(table).contains("| dense | ", "| ewa-3 | ", "x dense (wall)", "x dense (CPU)", "op time of a traced step")
        .doesNotContain("tensor peak");
    Map<String, Object> json = ExpertReportJson.toMap(r);
    assertThat(json).containsKeys("model", "settings", "machine", "configs");
    @SuppressWarnings("unchecked")
    Map<String, Object> mb2 = ((List<Map<String, Object>>) json.get("configs")).get(3);
    assertThat(mb2).containsEntry("config", "mb-2").containsKeys("step_s", "ratio_to_dense", "cpu_ratio_to_dense", "profile")
        .doesNotContainKey("memory");
  }

  @Test
  void measuresMemoryInChildProcesses() {
    List<ExpertConfig> configs = List.of(ExpertConfig.DENSE, new ExpertConfig(Scheme.EWA, 2));
    List<String> progress = new ArrayList<>();
    ExpertBenchReport r = new ExpertBenchmark(settings(configs, false, true, 0), progress::add).run(TINY);

    ExpertBenchReport.Result dense = r.dense();
    ExpertBenchReport.Result ewa = r.results().get(1);
    assertThat(dense.steps()).isNull();
    assertThat(dense.trainingParameters()).isEqualTo(r.deployedParameters());
    assertThat(ewa.trainingParameters() - dense.trainingParameters()).isEqualTo(FFN);
    // every variable is fp32: the parameters and Adam's two slots (EWA has no state)
    assertThat(dense.memory().variableBytes()).isEqualTo(4 * 3 * dense.trainingParameters());
    assertThat(ewa.memory().variableBytes()).isEqualTo(4 * 3 * ewa.trainingParameters());
    for (ExpertBenchReport.Result x : r.results()) {
      assertThat(x.memory().processBaselineBytes()).isPositive();
      assertThat(x.memory().processPeakBytes()).isGreaterThanOrEqualTo(x.memory().processBaselineBytes());
      assertThat(x.memory().tensorPeakBytes()).isNotNegative();
    }
    assertThat(ExpertReportTable.format(r)).contains("tensor peak", "| ewa-2 | ").doesNotContain("x dense (wall)");
    assertThat(progress).anyMatch(l -> l.startsWith("memory 1/1, 2/2: ewa-2"));
    assertThat(ewa.memory().runs()).hasSize(1);
    assertThat(ewa.memory().tensorPeakMinBytes()).isEqualTo(ewa.memory().tensorPeakBytes());
  }

  @Test
  void aFailingChildReportsItsLastLines() {
    StepMemoryProbe.Request bad = new StepMemoryProbe.Request(
        new ModelSpec("no_such_model", TINY.request()), ExpertConfig.DENSE, 4, 0, 1, SessionThreads.TF_DEFAULTS);
    assertThatThrownBy(() -> StepMemoryProbe.measure(bad, 120))
        .hasMessageContaining("memory probe of dense failed").hasMessageContaining("no_such_model");
  }

  @Test
  void blocksGroupConfigurationsByExpertsWithDenseInEach() {
    List<ExpertConfig> configs = ExpertConfig.grid(List.of(Scheme.MEMORY_BANK, Scheme.EWA), List.of(4, 16));
    assertThat(ExpertBenchmark.blocks(configs)).containsExactly(List.of(0, 1, 2), List.of(0, 3, 4));
    assertThat(ExpertBenchmark.blocks(List.of(ExpertConfig.DENSE))).containsExactly(List.of(0));
  }

  @Test
  void configLabelsRoundTrip() {
    for (ExpertConfig c : ExpertConfig.grid(List.of(Scheme.values()), List.of(2, 128))) {
      assertThat(ExpertConfig.parse(c.label())).isEqualTo(c);
    }
    assertThat(ExpertConfig.grid(List.of(Scheme.DENSE, Scheme.TOP_K), List.of(4)))
        .containsExactly(ExpertConfig.DENSE, new ExpertConfig(Scheme.TOP_K, 4));
    assertThatThrownBy(() -> new ExpertConfig(Scheme.EWA, 1)).hasMessageContaining("at least 2");
    assertThatThrownBy(() -> ExpertConfig.parse("moe-4")).hasMessageContaining("unknown scheme 'moe'");
  }

  @Test
  void modelSpecRoundTripsThroughChildArguments() {
    ModelSpec spec = new ModelSpec("vit_small_patch16_224", ModelRequest.builder().images(224, 3, 10).patchSize(16).depth(1).build());
    assertThat(ModelSpec.parse(ModelSpec.keyValues(spec.toArgs().toArray(String[]::new)))).isEqualTo(spec);
  }

  /** A hierarchical model's window and blocks per stage reach the child, which would otherwise build another model. */
  @Test
  void everyComponentOfTheRequestRoundTrips() {
    ModelSpec swin = new ModelSpec("swin_tiny_patch4_window7_224",
        ModelRequest.builder().images(32, 1, 10).patchSize(2).dim(24).heads(3).mlpRatio(2.0).windowSize(4)
            .dropout(0.1).dropPath(0.2).depths(List.of(2, 1, 3)).build());
    assertThat(ModelSpec.parse(ModelSpec.keyValues(swin.toArgs().toArray(String[]::new)))).isEqualTo(swin);
  }

  @Test
  void allocatorPeakIsTheLargestInUseAtAnyOpEnd() {
    StepStats stats = StepStats.newBuilder()
        .addDevStats(DeviceStepStats.newBuilder()
            .addNodeStats(node(100))
            .addNodeStats(node(700))
            .addNodeStats(node(300)))
        .build();
    assertThat(StepMemory.allocatorPeak(stats)).isEqualTo(700);
  }

  @Test
  void memoryRunsReportMediansAndTheRange() {
    MemoryRuns m = new MemoryRuns(List.of(
        new StepMemory(10, 120, 700, 50, 900), new StepMemory(10, 120, 500, 60, 1000), new StepMemory(10, 120, 600, 40, 800)));
    assertThat(m.tensorPeakBytes()).isEqualTo(600);
    assertThat(m.tensorPeakMinBytes()).isEqualTo(500);
    assertThat(m.tensorPeakMaxBytes()).isEqualTo(700);
    assertThat(m.processPeakBytes()).isEqualTo(900);
    assertThat(m.processBaselineBytes()).isEqualTo(50);
    assertThat(m.trainingParameters()).isEqualTo(10);
  }

  @Test
  void quantilesInterpolateBetweenOrderStatistics() {
    Samples s = new Samples(new double[] {4, 1, 3, 2, 5});
    assertThat(s.quantile(0.5)).isEqualTo(3);
    assertThat(s.quantile(0.25)).isEqualTo(2);
    assertThat(s.quantile(0.75)).isEqualTo(4);
    assertThat(new Samples(new double[] {1, 2}).quantile(0.25)).isEqualTo(1.25);
    assertThat(s.quantile(0)).isEqualTo(1);
    assertThat(s.quantile(1)).isEqualTo(5);
  }

  @Test
  void settingsRefuseNothingToMeasure() {
    assertThatThrownBy(() -> settings(List.of(ExpertConfig.DENSE), false, false, 0)).hasMessageContaining("nothing to measure");
    assertThatThrownBy(() -> settings(List.of(new ExpertConfig(Scheme.EWA, 2)), true, false, 0))
        .hasMessageContaining("start with dense");
  }

  private static NodeExecStats node(long inUse) {
    return NodeExecStats.newBuilder()
        .addMemory(AllocatorMemoryUsed.newBuilder().setAllocatorName("mklcpu").setAllocatorBytesInUse(inUse))
        .build();
  }

  private static ExpertBenchReport.Result find(ExpertBenchReport r, String label) {
    return r.results().stream().filter(x -> x.config().label().equals(label)).findFirst().orElseThrow();
  }
}
