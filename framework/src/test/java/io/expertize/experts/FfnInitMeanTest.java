package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.annotations.Scheme;
import io.expertize.graph.ModuleTree;
import io.expertize.testing.ExpertMlp;
import io.expertize.train.AdamW;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code model.ffn-init-mean-of}: the dense control whose FFNs start as the mean of N draws starts
 * exactly where sw with N experts starts (its fused FFN at step 0), with the same seed; the other
 * parameters are the plain dense draws.
 */
class FfnInitMeanTest {
  private static final long SEED = 5;
  private static final int N = 4;

  private static GraphHarness harness(ExpertMlp model, ExpertPlan plan) {
    return new GraphHarness(model, plan, new AdamW(0.9, 0.999, 1e-8, 0.05), 8, SEED);
  }

  @Test
  void theControlStartsExactlyAtSwsFusedFfns() {
    ExpertMlp model = ExpertMlp.small();
    Map<String, float[]> sw;
    try (GraphHarness h = harness(model, GraphHarness.plan(model, FusionOverrides.of(Scheme.STATIC, N)))) {
      sw = h.fusedParameters();
    }
    Map<String, float[]> plain;
    try (GraphHarness h = harness(ExpertMlp.small(), ExpertPlan.dense())) {
      plain = h.fusedParameters();
    }
    ExpertMlp controlModel = ExpertMlp.small();
    ExpertPlan control = ExpertBuilders.build(ModuleTree.of(controlModel), FusionOverrides.of(Scheme.DENSE, N), N);
    assertThat(control.scheme()).isEqualTo(Scheme.DENSE);
    assertThat(control.sets()).isEmpty();
    Map<String, float[]> start;
    try (GraphHarness h = harness(controlModel, control)) {
      start = h.fusedParameters();
    }

    assertThat(start.keySet()).isEqualTo(plain.keySet());
    int ffnParams = 0;
    for (String name : start.keySet()) {
      boolean ffn = name.matches("ffns\\.\\d+\\.fc\\d\\.(weight|bias)");
      float[] expected = ffn ? sw.get(name) : plain.get(name);
      assertThat(start.get(name)).as(name).containsExactly(expected);
      if (ffn && name.endsWith("weight")) {
        ffnParams++;
        // the mean of 4 draws of std 0.02 is not a single draw: its spread is about half
        assertThat(std(start.get(name))).as(name).isLessThan(0.75 * std(plain.get(name)));
      }
    }
    assertThat(ffnParams).isPositive();
  }

  @Test
  void itAppliesToDenseTrainingOnly() {
    assertThatThrownBy(() -> ExpertBuilders.build(ModuleTree.of(ExpertMlp.small()), FusionOverrides.of(Scheme.MEMORY_BANK, N), N))
        .isInstanceOf(ExpertizeException.class)
        .hasMessageContaining("model.ffn-init-mean-of = 4")
        .hasMessageContaining("applies to fusion.scheme=dense, not mb");
  }

  private static double std(float[] v) {
    double mean = 0;
    for (float x : v) {
      mean += x / (double) v.length;
    }
    double m = mean;
    return Math.sqrt(Arrays.stream(toDoubles(v)).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
  }

  private static double[] toDoubles(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
