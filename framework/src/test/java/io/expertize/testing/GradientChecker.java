package io.expertize.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;

/**
 * Compares TF's graph gradients with central finite differences, tensor by tensor: along two random
 * directions that move only that tensor, and along three single elements. A tensor that gets no
 * gradient at all (a parameter the layer forgot to use) fails too.
 *
 * <p>Tolerance: {@code |fd - analytic| <= RTOL * |analytic| + ATOL * |g| |v|}. The forward pass is
 * float32, so a difference quotient with step 1e-3 carries about 1e-4 relative rounding error; the
 * absolute term (scaled by the sizes of gradient and direction) covers directional derivatives that
 * happen to be near zero.
 */
public final class GradientChecker {
  public static final double EPS = 1e-3;
  public static final double RTOL = 1e-2;
  public static final double ATOL = 1e-3;

  private GradientChecker() {}

  /** Checks every tensor of the harness (input and parameters). */
  public static void check(LayerHarness h) {
    check(h, true);
  }

  public static void check(LayerHarness h, boolean checkInput) {
    Map<String, float[]> grads = h.gradients();
    Random random = new Random(17);
    for (Map.Entry<String, float[]> e : grads.entrySet()) {
      String name = e.getKey();
      if (name.equals("input") && !checkInput) {
        continue;
      }
      float[] g = e.getValue();
      assertThat(norm(g)).as("gradient of '%s' is zero: is the tensor used?", name).isGreaterThan(0);
      for (int d = 0; d < 2; d++) {
        float[] v = LayerHarness.normal(random, g.length, 1.0);
        compare(h, name, g, v, "random direction " + d);
      }
      for (int k = 0; k < 3; k++) {
        float[] v = new float[g.length];
        int i = random.nextInt(g.length);
        v[i] = 1f;
        compare(h, name, g, v, "element " + i);
      }
    }
  }

  private static void compare(LayerHarness h, String name, float[] g, float[] v, String what) {
    float[] original = h.values.get(name).clone();
    float[] moved = original.clone();
    for (int i = 0; i < moved.length; i++) {
      moved[i] = (float) (original[i] + EPS * v[i]);
    }
    h.values.put(name, moved);
    double plus = h.loss();
    for (int i = 0; i < moved.length; i++) {
      moved[i] = (float) (original[i] - EPS * v[i]);
    }
    double minus = h.loss();
    h.values.put(name, original);
    double fd = (plus - minus) / (2 * EPS);
    double analytic = 0;
    for (int i = 0; i < g.length; i++) {
      analytic += (double) g[i] * v[i];
    }
    double tolerance = RTOL * Math.abs(analytic) + ATOL * norm(g) * norm(v);
    assertThat(Math.abs(fd - analytic))
        .as("d loss / d %s along %s: finite difference %.6g, TF gradient %.6g", name, what, fd, analytic)
        .isLessThanOrEqualTo(tolerance);
  }

  private static double norm(float[] a) {
    double s = 0;
    for (float x : a) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }
}
