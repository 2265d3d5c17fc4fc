package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.testing.GradientChecker;
import io.expertize.testing.Reference;
import io.expertize.testing.Tf;
import io.expertize.testing.Tf.ParamValues;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RmsNormTest {
  private static final double RTOL = 5e-3;

  @Test
  void forwardScalesByRootMeanSquareWithoutCentring() {
    // Offset inputs: a norm that centred (LayerNorm) would differ by O(1) here.
    double eps = 0.1;
    RmsNorm norm = new RmsNorm(6, eps);
    ParamValues pv = ParamValues.random(norm, 1, 0.5);
    float[] x = Tf.normal(new Random(2), 3 * 6, 0.3);
    for (int i = 0; i < x.length; i++) {
      x[i] += 1f;
    }
    Tf.Values y = Tf.eval(tf -> norm.forward(pv.inference(tf), Tf.constant(tf, x, 3, 6)));

    float[] gain = pv.get(norm.ownParams().get(0));
    assertThat(norm.ownParams()).hasSize(1);
    assertThat(Tf.maxAbsDiff(y.data(), Reference.rmsNorm(Reference.toDouble(x), 6, gain, eps)))
        .isLessThanOrEqualTo(1e-5);
    assertThat(Tf.maxAbsDiff(y.data(), Reference.rmsNorm(Reference.toDouble(x), 6, gain, 0)))
        .as("eps must matter at this scale")
        .isGreaterThan(1e-3);
  }

  @Test
  void gradients() {
    RmsNorm norm = new RmsNorm(6, 1e-6);
    GradientChecker.of(norm).input(2, 3, 6).forward(norm::forward).rtol(RTOL).check();
  }
}
