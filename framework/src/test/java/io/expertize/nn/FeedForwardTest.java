package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.testing.GradientChecker;
import io.expertize.testing.Reference;
import io.expertize.testing.Tf;
import io.expertize.testing.Tf.ParamValues;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeedForwardTest {
  private static final double RTOL = 5e-3;

  @Test
  void forwardIsFc2OfGeluOfFc1() {
    FeedForward ffn = new FeedForward(4, 6, Activation.GELU, true, 0.0);
    ParamValues pv = ParamValues.random(ffn, 1, 0.5);
    float[] x = Tf.normal(new Random(2), 2 * 3 * 4, 1.0);
    Tf.Values y = Tf.eval(tf -> ffn.forward(pv.inference(tf), Tf.constant(tf, x, 2, 3, 4)));

    Linear fc1 = ffn.projections().get(0);
    Linear fc2 = ffn.projections().get(1);
    double[] h = Reference.linear(Reference.toDouble(x), 6, 4, pv.get(fc1.weight()), pv.get(fc1.bias()), 6);
    for (int i = 0; i < h.length; i++) {
      h[i] = Reference.gelu(h[i]);
    }
    double[] expected = Reference.linear(h, 6, 6, pv.get(fc2.weight()), pv.get(fc2.bias()), 4);
    assertThat(y.shape()).containsExactly(2, 3, 4);
    assertThat(Tf.maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void pathsAreTimmMlp() {
    assertThat(ModuleTree.of(new FeedForward(4, 6, Activation.GELU, true, 0.1)).params())
        .extracting(NamedParam::path)
        .containsExactly("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");
  }

  @Test
  void gradientsGelu() {
    FeedForward ffn = new FeedForward(4, 6, Activation.GELU, true, 0.0);
    GradientChecker.of(ffn).input(2, 3, 4).forward(ffn::forward).rtol(RTOL).check();
  }

  @Test
  void gradientsWithDropoutInTraining() {
    // Both dropouts active; the fixed step makes the masks repeat across the difference runs.
    FeedForward ffn = new FeedForward(4, 6, Activation.GELU, true, 0.25);
    GradientChecker.of(ffn).input(2, 3, 4).forward(ffn::forward).training(11, 3).rtol(RTOL).check();
  }
}
