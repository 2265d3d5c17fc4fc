package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.graph.Module;
import io.expertize.testing.GradientChecker;
import io.expertize.testing.Reference;
import io.expertize.testing.Tf;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ActivationTest {
  private static final double RTOL = 5e-3;

  /** No parameters: the activation alone, so the checker sees only the input. */
  private static final class Wrapper extends Module {}

  @Test
  void geluIsTheExactErfFormNotTheTanhApproximation() {
    // At +-2.5 and -3 the tanh approximation is off by more than 4e-4: a 1e-5 match separates them.
    float[] x = {-3f, -2.5f, -1.5f, -0.3f, 0f, 0.7f, 1.5f, 2.5f, 4f};
    assertThat(Math.abs(Reference.geluTanh(2.5) - Reference.gelu(2.5))).isGreaterThan(4e-4);
    Tf.Values y = Tf.eval(tf -> Activation.GELU.apply(tf, Tf.constant(tf, x, x.length)));

    double[] exact = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      exact[i] = Reference.gelu(x[i]);
    }
    assertThat(Tf.maxAbsDiff(y.data(), exact)).isLessThanOrEqualTo(1e-5);
    assertThat(Math.abs(y.data()[7] - Reference.geluTanh(2.5))).isGreaterThan(1e-4);
  }

  @Test
  void geluTanhIsTheTanhApproximation() {
    float[] x = {-3f, -2.5f, -1.5f, -0.3f, 0f, 0.7f, 1.5f, 2.5f, 4f};
    Tf.Values y = Tf.eval(tf -> Activation.GELU_TANH.apply(tf, Tf.constant(tf, x, x.length)));
    double[] approx = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      approx[i] = Reference.geluTanh(x[i]);
    }
    assertThat(Tf.maxAbsDiff(y.data(), approx)).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void geluTanhGradient() {
    GradientChecker.of(new Wrapper())
        .input(3, 7)
        .forward((ctx, x) -> Activation.GELU_TANH.apply(ctx.tf(), x))
        .rtol(RTOL)
        .check();
  }

  @Test
  void reluAndIdentity() {
    float[] x = {-2f, -0.5f, 0f, 0.25f, 3f};
    Tf.Values relu = Tf.eval(tf -> Activation.RELU.apply(tf, Tf.constant(tf, x, x.length)));
    Tf.Values id = Tf.eval(tf -> Activation.IDENTITY.apply(tf, Tf.constant(tf, x, x.length)));
    assertThat(relu.data()).containsExactly(0f, 0f, 0f, 0.25f, 3f);
    assertThat(id.data()).containsExactly(x);
  }

  @Test
  void geluGradient() {
    GradientChecker.of(new Wrapper())
        .input(3, 7)
        .forward((ctx, x) -> Activation.GELU.apply(ctx.tf(), x))
        .rtol(RTOL)
        .check();
  }

  @Test
  void reluGradientAwayFromTheKink() {
    // |x| >= 0.2 while a step moves an element by at most ~4 * eps = 4e-3: no kink is crossed.
    Random random = new Random(5);
    float[] x = new float[3 * 7];
    for (int i = 0; i < x.length; i++) {
      double z = random.nextGaussian();
      x[i] = (float) Math.copySign(0.2 + 0.5 * Math.abs(z), z);
    }
    GradientChecker.Report report =
        GradientChecker.of(new Wrapper())
            .input(x, 3, 7)
            .forward((ctx, in) -> Activation.RELU.apply(ctx.tf(), in))
            .eps(1e-3)
            .rtol(RTOL)
            .check();
    // the gradient is the 0/1 mask of the positive inputs, weighted by R
    float[] g = report.gradient(GradientChecker.INPUT);
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        assertThat(g[i]).isZero();
      }
    }
  }
}
