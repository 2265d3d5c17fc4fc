package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.annotations.Scheme;
import io.expertize.graph.ModelVariable;
import io.expertize.nn.ImageClassifier;
import io.expertize.testing.ExpertMlp;
import io.expertize.train.AdamW;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/methods.md 5.5: after training, the eval-mode output of the expertized model equals the output of
 * the dense model holding the fused parameters (float32, max abs diff <= 1e-5 on logits), for every
 * exactly fusible scheme and variant, with plain FFNs and, for dw, unshared mb and EWA, gated ones.
 */
class FusionExactnessTest {
  private static final AdamW ADAM = new AdamW(0.9, 0.999, 1e-8, 0.05);
  private static final java.util.Set<String> GATED_TOO = java.util.Set.of("dw", "mb unshared", "ewa");

  static Stream<Arguments> variants() {
    return Stream.of(
        Arguments.of("sw", FusionOverrides.builder().scheme(Scheme.STATIC).experts(4).build()),
        Arguments.of("dw", FusionOverrides.builder().scheme(Scheme.DYNAMIC).experts(4).build()),
        Arguments.of("dw softmax", FusionOverrides.builder().scheme(Scheme.DYNAMIC).experts(3)
            .set(FusionAttribute.NORMALIZED_WEIGHTS, true).build()),
        Arguments.of("mb", FusionOverrides.builder().scheme(Scheme.MEMORY_BANK).experts(4).build()),
        Arguments.of("mb unshared", FusionOverrides.builder().scheme(Scheme.MEMORY_BANK).experts(4)
            .set(FusionAttribute.SHARED_ROUTER, false).build()),
        Arguments.of("mb bias-corrected", FusionOverrides.builder().scheme(Scheme.MEMORY_BANK).experts(4)
            .set(FusionAttribute.BIAS_CORRECTED_BANK, true).build()),
        Arguments.of("ewa", FusionOverrides.builder().scheme(Scheme.EWA).experts(4).build()),
        Arguments.of("ewa odd", FusionOverrides.builder().scheme(Scheme.EWA).experts(8).placement("odd").build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void fusedDenseModelReproducesTheExpertModel(String name, FusionOverrides o) {
    // gated FFNs (three projections) where the scheme treats projections differently
    boolean[] kinds = GATED_TOO.contains(name) ? new boolean[] {false, true} : new boolean[] {false};
    for (boolean gated : kinds) {
      ExpertMlp model = new ExpertMlp(14, 7, 8, 3, gated, 0.1, 3);
      try (GraphHarness experts = new GraphHarness(model, GraphHarness.plan(model, o), ADAM, 8, 5);
          GraphHarness dense = new GraphHarness(model, ExpertPlan.dense(), ADAM, 8, 5)) {
        for (int i = 0; i < 5; i++) {
          experts.train(3e-2);
        }
        Map<String, float[]> fused = experts.fusedParameters();
        assertThat(fused.keySet()).containsExactlyElementsOf(dense.trainableNames());
        dense.assignAll(fused);
        float[] a = experts.evalLogits();
        float[] b = dense.evalLogits();
        assertThat(maxAbsDiff(a, b)).as("%s gated=%s", name, gated).isLessThanOrEqualTo(1e-5);
        assertThat(maxAbs(a)).isGreaterThan(1e-2); // not trivially zero
      }
    }
  }

  @Test
  void memoryBankFusesWithTheStoredBank() {
    ExpertMlp model = ExpertMlp.small();
    try (GraphHarness mb = GraphHarness.of(model, Scheme.MEMORY_BANK, 4, ADAM)) {
      mb.train(1e-2);
      mb.train(1e-2);
      float[] bank = mb.value("ffns.1.bank");
      float[] experts = mb.value("ffns.1.experts.fc1.bias");
      float[] fused = mb.fusedParameters().get("ffns.1.fc1.bias");
      for (int j = 0; j < fused.length; j++) {
        double expected = 0;
        for (int i = 0; i < 4; i++) {
          expected += bank[i] * experts[i * fused.length + j];
        }
        assertThat((double) fused[j]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
      }
      float[] bankBefore = bank.clone();
      mb.evalLogits();
      assertThat(mb.value("ffns.1.bank")).containsExactly(bankBefore); // evaluation never moves the bank
    }
  }

  @Test
  void topKIsNotExactlyFusibleAndFusesToTheMean() {
    ImageClassifier model = ExpertMlp.small();
    try (GraphHarness topk = GraphHarness.of(model, Scheme.TOP_K, 4, ADAM)) {
      topk.train(1e-2);
      assertThat(topk.graph.experts.exactlyFusible()).isFalse();
      float[] experts = topk.value("ffns.0.experts.fc2.weight");
      float[] fused = topk.fusedParameters().get("ffns.0.fc2.weight");
      for (int j = 0; j < fused.length; j++) {
        double mean = 0;
        for (int i = 0; i < 4; i++) {
          mean += experts[i * fused.length + j] / 4.0;
        }
        assertThat((double) fused[j]).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-7));
      }
    }
  }

  @Test
  void expertVariablesAreStackedAndNamedAfterTheDenseParameters() {
    ExpertMlp model = ExpertMlp.small();
    try (GraphHarness mb = GraphHarness.of(model, Scheme.MEMORY_BANK, 4, ADAM)) {
      Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
      for (ModelVariable v : mb.graph.variables.withRole(ModelVariable.Role.TRAINABLE)) {
        shapes.put(v.name(), v.variable().shape().asArray());
      }
      assertThat(shapes.keySet()).contains("ffns.0.experts.fc1.weight", "ffns.0.experts.fc1.bias",
          "ffns.0.experts.fc2.weight", "ffns.0.experts.fc2.bias", "ffns.0.router.weight", "ffns.0.router.bias");
      assertThat(shapes.get("ffns.0.experts.fc1.weight")).containsExactly(4, 16, 8);
      assertThat(shapes.get("ffns.0.experts.fc2.bias")).containsExactly(4, 8);
      assertThat(shapes).doesNotContainKey("ffns.0.fc1.weight");
      assertThat(mb.graph.variables.get("ffns.0.bank").role()).isEqualTo(ModelVariable.Role.STATE);
      // parameters: dense model + 3 extra experts per FFN parameter + routers (8·4 + 4 each)
      long ffn = 16 * 8 + 16 + 8 * 16 + 8;
      assertThat(mb.graph.trainingParameterCount() - mb.graph.parameterCount()).isEqualTo(3 * (3 * ffn + 36));
    }
  }

  /** docs/methods.md section 1's check: DeiT-T (D=192, 12 blocks, N=4): 9,264 router parameters shared, 46,176 unshared. */
  @Test
  void routerParameterCountsAtDeitTinyShape() {
    assertThat(routerParameters(true)).isEqualTo(9_264);
    assertThat(routerParameters(false)).isEqualTo(46_176);
  }

  private static long routerParameters(boolean shared) {
    ExpertMlp deitTinyWidths = new ExpertMlp(14, 7, 192, 4, 12, false, 0.0, 10);
    FusionOverrides o = FusionOverrides.builder().scheme(Scheme.MEMORY_BANK).experts(4)
        .set(FusionAttribute.SHARED_ROUTER, shared).build();
    ExpertPlan plan = GraphHarness.plan(deitTinyWidths, o);
    try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
      io.expertize.graph.VariableStore store = new io.expertize.graph.VariableStore(org.tensorflow.op.Ops.create(g), 1);
      plan.declare(store, io.expertize.graph.ModuleTree.of(deitTinyWidths));
      return store.withRole(ModelVariable.Role.TRAINABLE).stream()
          .filter(v -> v.name().contains(".router")).mapToLong(ModelVariable::size).sum();
    }
  }

  static double maxAbsDiff(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst;
  }

  private static double maxAbs(float[] a) {
    return maxAbsDiff(a, new float[a.length]);
  }
}
