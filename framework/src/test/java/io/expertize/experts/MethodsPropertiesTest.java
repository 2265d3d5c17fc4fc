package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.expertize.annotations.Scheme;
import io.expertize.annotations.ShareSchedule;
import io.expertize.testing.ExpertMlp;
import io.expertize.testing.FfnOnly;
import io.expertize.train.AdamW;
import io.expertize.train.Sgd;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exact properties of docs/methods.md section 5 (5.5, fusion exactness, is {@link FusionExactnessTest};
 * 5.6, N = 1, is {@link OneExpertIsDenseTest}). Tolerances are float32 rounding of the quantities
 * compared, stated next to each assertion.
 */
class MethodsPropertiesTest {

  /** 5.1: sw with SGD(lr) moves Ē exactly as dense SGD(lr/N) started from Ē(0). */
  @Test
  void staticFusionUnderSgdIsDenseSgdWithLrOverN() {
    int n = 4;
    double lr = 0.5;
    try (GraphHarness sw = harness(Scheme.STATIC, n, new Sgd());
        GraphHarness dense = harness(Scheme.DENSE, 1, new Sgd())) {
      dense.assignAll(sw.fusedParameters());
      for (int step = 0; step < 10; step++) {
        float swLoss = sw.train(lr);
        float denseLoss = dense.train(lr / n);
        assertThat(swLoss).isCloseTo(denseLoss, offset(1e-6f));
      }
      // float32: Ē is a 4-term mean recomputed each step; 10 steps of rounding stay below 1e-6
      assertThat(maxAbsDiff(sw.fusedParameters(), dense.fusedParameters())).isLessThanOrEqualTo(1e-6);
      assertThat(maxAbsDiff(dense.fusedParameters(), harnessInitial(dense))).isGreaterThan(1e-2); // it moved
    }
  }

  /** 5.2: dw with its weights frozen at 1/N is sw, bit for bit. */
  @Test
  void dynamicFusionWithFrozenWeightsIsStaticFusion() {
    int n = 3;
    AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.05);
    try (GraphHarness sw = GraphHarness.of(ExpertMlp.small(), Scheme.STATIC, n, adam);
        GraphHarness dw = GraphHarness.of(ExpertMlp.small(), Scheme.DYNAMIC, n,
            new FrozenOptimizer(adam, name -> name.endsWith(".expert_weights")))) {
      for (int step = 0; step < 5; step++) {
        assertThat(dw.train(1e-2)).isEqualTo(sw.train(1e-2));
      }
      assertThat(dw.fusedParameters()).usingRecursiveComparison().isEqualTo(sw.fusedParameters());
      assertThat(dw.value("ffns.0.expert_weights")).containsOnly(1f / 3);
    }
  }

  /** 5.3: mb with a zero router (uniform W) gives M_t = (1 - δ^t)/N per expert. */
  @Test
  void memoryBankWithZeroRouterFollowsTheClosedForm() {
    int n = 4;
    double delta = 0.9;
    FusionOverrides o = FusionOverrides.builder().scheme(Scheme.MEMORY_BANK).experts(n)
        .set(FusionAttribute.MOMENTUM, delta).build();
    ExpertMlp model = ExpertMlp.small();
    try (GraphHarness mb = new GraphHarness(model, GraphHarness.plan(model, o),
        new FrozenOptimizer(new Sgd(), name -> name.contains(".router.")), 8, 11)) {
      for (String layer : new String[] {"ffns.0", "ffns.1", "ffns.2"}) {
        mb.assign(layer + ".router.weight", new float[n * 8]);
      }
      for (int t = 1; t <= 20; t++) {
        mb.train(0.1);
        double expected = (1 - Math.pow(delta, t)) / n;
        for (String layer : new String[] {"ffns.0", "ffns.1", "ffns.2"}) {
          // float32 recursion of 20 steps: within 4 ulps of 0.25
          for (float m : mb.value(layer + ".bank")) {
            assertThat((double) m).isCloseTo(expected, offset(1e-7));
          }
        }
      }
    }
  }

  /** 5.3, ours: the bias-corrected bank reads exactly the uniform weights from the first step. */
  @Test
  void biasCorrectedBankWithZeroRouterReadsUniformWeights() {
    FusionOverrides o = FusionOverrides.builder().scheme(Scheme.MEMORY_BANK).experts(4)
        .set(FusionAttribute.MOMENTUM, 0.95).set(FusionAttribute.BIAS_CORRECTED_BANK, true).build();
    ExpertMlp model = ExpertMlp.small();
    try (GraphHarness mb = new GraphHarness(model, GraphHarness.plan(model, o),
        new FrozenOptimizer(new Sgd(), name -> name.contains(".router.")), 8, 11)) {
      mb.assign("ffns.0.router.weight", new float[4 * 8]);
      for (int t = 1; t <= 3; t++) {
        mb.train(0.1);
        assertThat(mb.value("ffns.0.bank_updates")).containsExactly(t);
        float[] corrected = mb.fetch(mb.graph.diagnostics.get("ffns.0/expert_weights"));
        for (float w : corrected) {
          assertThat(w).isCloseTo(0.25f, offset(1e-6f));
        }
      }
    }
  }

  /** 5.4: EWA with β = (N-1)/N makes every expert equal to the mean after one averaging. */
  @Test
  void ewaWithFullShareRateAveragesToTheMeanInOneStep() {
    int n = 4;
    FusionOverrides o = FusionOverrides.builder().scheme(Scheme.EWA).experts(n)
        .set(FusionAttribute.SHARE_RATE, (n - 1.0) / n)
        .set(FusionAttribute.SHARE_SCHEDULE, ShareSchedule.CONSTANT).build();
    ExpertMlp model = ExpertMlp.small();
    try (GraphHarness ewa = new GraphHarness(model, GraphHarness.plan(model, o), new Sgd(), 8, 11)) {
      String name = "ffns.1.experts.fc1.weight";
      float[] before = ewa.value(name);
      ewa.train(0.0); // lr 0: the optimizer leaves the experts as they were; only the averaging acts
      float[] after = ewa.value(name);
      int per = before.length / n;
      for (int j = 0; j < per; j++) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
          mean += before[i * per + j];
        }
        mean /= n;
        for (int i = 0; i < n; i++) {
          assertThat(after[i * per + j]).isEqualTo(after[j]); // every expert the same, bit for bit
        }
        assertThat((double) after[j]).isCloseTo(mean, offset(1e-8)); // float mean
      }
    }
  }

  /** Section 2's averaging for a general β: W_i <- (1-β)·W_i + β/(N-1)·Σ_{j≠i} W_j. */
  @Test
  void ewaAveragingFollowsTheFormula() {
    int n = 3;
    double beta = 0.3;
    FusionOverrides o = FusionOverrides.builder().scheme(Scheme.EWA).experts(n).set(FusionAttribute.SHARE_RATE, beta)
        .set(FusionAttribute.SHARE_SCHEDULE, ShareSchedule.CONSTANT).build();
    ExpertMlp model = ExpertMlp.small();
    try (GraphHarness ewa = new GraphHarness(model, GraphHarness.plan(model, o), new Sgd(), 8, 11)) {
      String name = "ffns.2.experts.fc2.bias";
      ewa.assign(name, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 10, 20, 30, 40, 50, 60, 70, 80, -1, -2, -3, -4, -5, -6, -7, -8});
      float[] before = ewa.value(name);
      float[] weight = ewa.value("ffns.2.experts.fc2.weight");
      ewa.train(0.0);
      float[] after = ewa.value(name);
      int per = 8;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < per; j++) {
          double others = 0;
          for (int k = 0; k < n; k++) {
            others += k == i ? 0 : before[k * per + j];
          }
          double expected = (1 - beta) * before[i * per + j] + beta / (n - 1) * others;
          assertThat((double) after[i * per + j]).isCloseTo(expected, offset(1e-5 * Math.abs(expected) + 1e-6));
        }
      }
      assertThat(ewa.value("ffns.2.experts.fc2.weight")).isNotEqualTo(weight); // weights are averaged too
    }
  }

  /** The linear schedule: β = shareRate · (step+1)/total, so the first steps barely average. */
  @Test
  void linearShareScheduleStartsNearZero() {
    FusionOverrides o = FusionOverrides.builder().scheme(Scheme.EWA).experts(2).set(FusionAttribute.SHARE_RATE, 0.5)
        .set(FusionAttribute.SHARE_SCHEDULE, ShareSchedule.LINEAR).build();
    ExpertMlp model = ExpertMlp.small();
    try (GraphHarness ewa = new GraphHarness(model, GraphHarness.plan(model, o), new Sgd(), 8, 11).totalSteps(10)) {
      String name = "ffns.0.experts.fc1.bias";
      float[] b = new float[2 * 16];
      java.util.Arrays.fill(b, 16, 32, 1f); // expert 0 at 0, expert 1 at 1
      ewa.assign(name, b);
      ewa.train(0.0); // β = 0.5 · 1/10 = 0.05: expert 0 moves to 0.05, expert 1 to 0.95
      float[] after = ewa.value(name);
      assertThat(after[0]).isCloseTo(0.05f, offset(1e-6f));
      assertThat(after[16]).isCloseTo(0.95f, offset(1e-6f));
    }
  }

  /** Early EWA (section 3): top-k experts are averaged with a constant β during the leading fraction only. */
  @Test
  void earlyEwaAveragesTopKExpertsOnlyEarlyInTraining() {
    FusionOverrides o = FusionOverrides.builder().scheme(Scheme.TOP_K).experts(2).set(FusionAttribute.SHARE_RATE, 0.5)
        .set(FusionAttribute.EARLY_EWA_FRACTION, 0.5).build();
    ExpertMlp model = ExpertMlp.small();
    try (GraphHarness topk = new GraphHarness(model, GraphHarness.plan(model, o), new Sgd(), 8, 11).totalSteps(4)) {
      String name = "ffns.0.experts.fc1.bias";
      float[] b = new float[2 * 16];
      java.util.Arrays.fill(b, 16, 32, 1f);
      topk.assign(name, b);
      topk.train(0.0); // progress 1/4 <= 0.5: a = β·N/(N-1) = 1, both experts at the mean 0.5
      assertThat(topk.value(name)[0]).isEqualTo(0.5f);
      topk.assign(name, b);
      topk.train(0.0); // progress 2/4: still averaging
      assertThat(topk.value(name)[16]).isEqualTo(0.5f);
      topk.assign(name, b);
      topk.train(0.0); // progress 3/4 > 0.5: no averaging any more
      assertThat(topk.value(name)).containsExactly(b);
    }
  }

  /**
   * 5.7: Adam is nearly scale invariant, so sw + Adam tracks dense + Adam from Ē(0). Each expert gets
   * 1/N of the dense gradient, so Adam's step {@code m/(sqrt(v)+eps)} differs from dense only by eps
   * acting N times larger. With eps = 0 the two must agree to float rounding (asserted: 1e-5 of the
   * distance moved; measured 3e-7 after 50 steps). With torch's eps = 1e-8 they part where gradients
   * are below ~N·eps (measured: 3e-3 after one step of 1e-2, 3.4e-2 after 50 steps that moved 0.61):
   * printed, and recorded in docs/experts.md.
   */
  @Test
  void staticFusionUnderAdamTracksDenseAdam() {
    for (double eps : new double[] {1e-8, 0}) {
      AdamW adam = new AdamW(0.9, 0.999, eps, 0.0);
      try (GraphHarness sw = harness(Scheme.STATIC, 4, adam); GraphHarness dense = harness(Scheme.DENSE, 1, adam)) {
        Map<String, float[]> start = sw.fusedParameters();
        dense.assignAll(start);
        StringBuilder curve = new StringBuilder();
        for (int step = 1; step <= 50; step++) {
          sw.train(1e-2);
          dense.train(1e-2);
          if (step == 1 || step == 5 || step == 10 || step == 20 || step == 50) {
            double diff = maxAbsDiff(sw.fusedParameters(), dense.fusedParameters());
            double moved = maxAbsDiff(dense.fusedParameters(), start);
            curve.append(String.format(" step %d: %.1e (moved %.1e)", step, diff, moved));
            if (eps == 0) {
              assertThat(diff / moved).as("eps 0, step %d", step).isLessThan(1e-5);
            }
          }
        }
        System.out.println("methods.md 5.7 sw(N=4)+Adam vs dense+Adam, eps " + eps + ", max |Ē - W|:" + curve);
      }
    }
  }

  private static GraphHarness harness(Scheme scheme, int n, io.expertize.train.Optimizer optimizer) {
    return GraphHarness.of(new FfnOnly(), scheme, n, optimizer);
  }

  private static Map<String, float[]> harnessInitial(GraphHarness h) {
    try (GraphHarness fresh = harness(Scheme.STATIC, 4, new Sgd())) {
      return fresh.fusedParameters();
    }
  }

  static double maxAbsDiff(Map<String, float[]> a, Map<String, float[]> b) {
    assertThat(a.keySet()).isEqualTo(b.keySet());
    double worst = 0;
    for (String k : a.keySet()) {
      float[] x = a.get(k);
      float[] y = b.get(k);
      assertThat(x).hasSameSizeAs(y);
      for (int i = 0; i < x.length; i++) {
        worst = Math.max(worst, Math.abs(x[i] - y[i]));
      }
    }
    return worst;
  }
}
