package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.annotations.Scheme;
import io.expertize.testing.ExpertMlp;
import io.expertize.train.Sgd;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradient checks through every scheme: for each trainable variable of the training graph (stacked
 * experts, routers, mixing weights, the rest of the model), the directional derivative of the training
 * loss (auxiliary losses included) by central finite differences along random directions matches TF's
 * symbolic gradient. Per-layer checks (nn tests) are tighter; this one checks the experts' plumbing:
 * fusion contractions, the memory bank's (1-δ)·W path, the partition's gathers, top-k gates.
 */
class SchemeGradientTest {
  private static final double EPS = 1e-3;

  static Stream<FusionOverrides> schemes() {
    return FusionExactnessTest.variants().map(a -> (FusionOverrides) a.get()[1]);
  }

  /**
   * Top-k routing is piecewise constant in its decisions, and finite differences are only valid where
   * no decision flips. With k = N and room for every token no decision matters (every token meets
   * every expert, only the gates move), so every variable is checked; top-1 with capacity drops and
   * the balancing loss is checked with decisive routers, on the variables that cannot move a
   * decision (experts, head) and the routers themselves.
   */
  static Stream<FusionOverrides> all() {
    return Stream.concat(schemes(), Stream.of(
        FusionOverrides.builder().scheme(Scheme.TOP_K).experts(4).set(FusionAttribute.K, 4)
            .set(FusionAttribute.CAPACITY_FACTOR, 4.0).set(FusionAttribute.BALANCE_LOSS_WEIGHT, 0.0).build(),
        FusionOverrides.builder().scheme(Scheme.TOP_K).experts(4).set(FusionAttribute.K, 1)
            .set(FusionAttribute.CAPACITY_FACTOR, 1.05).set(FusionAttribute.BALANCE_LOSS_WEIGHT, 0.1).build()));
  }

  @ParameterizedTest
  @MethodSource("all")
  void finiteDifferencesMatchSymbolicGradients(FusionOverrides o) {
    ExpertMlp model = new ExpertMlp(14, 7, 8, 2, true, 0.1, 3);
    try (GraphHarness h = new GraphHarness(model, GraphHarness.plan(model, o), new Sgd(), 8, 21)) {
      Random random = new Random(4);
      boolean decisionsMayFlip = o.scheme().orElseThrow() == Scheme.TOP_K && o.get(FusionAttribute.K).orElseThrow() == 1;
      if (decisionsMayFlip) {
        // at initialisation nearly every token is a near-tie between experts: make the routers decisive
        for (String name : h.trainableNames()) {
          if (name.endsWith(".router.weight")) {
            h.assign(name, normal(random, h.value(name).length, 2.0));
          }
        }
      }
      h.train(0.05); // leave the initial point: banks non-zero, dw weights moved
      Map<String, float[]> analytic = h.gradients();
      for (Map.Entry<String, float[]> e : analytic.entrySet()) {
        String name = e.getKey();
        if (decisionsMayFlip && !(name.contains(".experts.") || name.contains(".router.") || name.startsWith("head."))) {
          continue;
        }
        float[] v0 = h.value(name);
        for (int k = 0; k < 2; k++) {
          float[] d = new float[v0.length];
          double expected = 0;
          for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextGaussian();
            expected += d[i] * e.getValue()[i];
          }
          double plus = lossAt(h, name, v0, d, EPS);
          double minus = lossAt(h, name, v0, d, -EPS);
          h.assign(name, v0);
          double fd = (plus - minus) / (2 * EPS);
          // float32 loss ~1: rounding gives |error| ~ 1e-7 / 1e-3 = 1e-4 on fd
          assertThat(fd).as("%s %s direction %d", o.scheme(), name, k)
              .isCloseTo(expected, org.assertj.core.data.Offset.offset(2e-2 * Math.abs(expected) + 5e-4));
        }
      }
    }
  }

  private static float[] normal(Random random, int n, double std) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextGaussian() * std);
    }
    return v;
  }

  private static double lossAt(GraphHarness h, String name, float[] v0, float[] d, double eps) {
    float[] v = new float[v0.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v0[i] + eps * d[i]);
    }
    h.assign(name, v);
    return h.loss();
  }
}
