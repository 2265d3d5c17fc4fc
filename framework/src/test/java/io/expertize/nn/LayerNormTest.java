package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.testing.GradientChecker;
import io.expertize.testing.Reference;
import io.expertize.testing.Tf;
import io.expertize.testing.Tf.ParamValues;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayerNormTest {
  private static final double RTOL = 5e-3;

  @Test
  void forwardMatchesTorchDefinitionWithLargeEps() {
    // A large eps against a small variance (0.09): an implementation that drops eps, or puts it
    // outside the square root, misses by far more than 1e-5. The offset 3 checks the centring.
    double eps = 0.5;
    LayerNorm ln = new LayerNorm(6, eps);
    ParamValues pv = ParamValues.random(ln, 1, 0.5);
    float[] x = Tf.normal(new Random(2), 2 * 3 * 6, 0.3);
    for (int i = 0; i < x.length; i++) {
      x[i] += 3f;
    }
    Tf.Values y = Tf.eval(tf -> ln.forward(pv.inference(tf), Tf.constant(tf, x, 2, 3, 6)));

    float[] gain = pv.get(ln.ownParams().get(0));
    float[] bias = pv.get(ln.ownParams().get(1));
    double[] expected = Reference.layerNorm(Reference.toDouble(x), 6, gain, bias, eps);
    assertThat(y.shape()).containsExactly(2, 3, 6);
    assertThat(Tf.maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(1e-5);
    // the point of the large eps: without it the result would be clearly different
    double[] noEps = Reference.layerNorm(Reference.toDouble(x), 6, gain, bias, 0);
    assertThat(Tf.maxAbsDiff(y.data(), noEps)).isGreaterThan(1e-2);
  }

  @Test
  void forwardWithTypicalEps() {
    LayerNorm ln = new LayerNorm(8, 1e-6);
    ParamValues pv = ParamValues.random(ln, 3, 0.5);
    float[] x = Tf.normal(new Random(4), 4 * 8, 1.0);
    Tf.Values y = Tf.eval(tf -> ln.forward(pv.inference(tf), Tf.constant(tf, x, 4, 8)));
    double[] expected =
        Reference.layerNorm(Reference.toDouble(x), 8, pv.get(ln.ownParams().get(0)), pv.get(ln.ownParams().get(1)), 1e-6);
    assertThat(Tf.maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void paramsAreWeightAndBias() {
    assertThat(new LayerNorm(5, 1e-6).ownParams())
        .extracting(p -> p.localName())
        .containsExactly("weight", "bias");
  }

  @Test
  void gradients() {
    LayerNorm ln = new LayerNorm(6, 1e-5);
    GradientChecker.of(ln).input(2, 3, 6).forward(ln::forward).rtol(RTOL).check();
  }
}
