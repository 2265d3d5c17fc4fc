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

class GatedFeedForwardTest {
  private static final double RTOL = 5e-3;

  @Test
  void forwardIsWoOfGeluGateTimesUp() {
    GatedFeedForward ffn = new GatedFeedForward(4, 5, Activation.GELU, 0.0);
    ParamValues pv = ParamValues.random(ffn, 1, 0.5);
    float[] x = Tf.normal(new Random(2), 3 * 4, 1.0);
    Tf.Values y = Tf.eval(tf -> ffn.forward(pv.inference(tf), Tf.constant(tf, x, 3, 4)));

    Linear wi0 = ffn.projections().get(0);
    Linear wi1 = ffn.projections().get(1);
    Linear wo = ffn.projections().get(2);
    double[] xd = Reference.toDouble(x);
    double[] gate = Reference.linear(xd, 3, 4, pv.get(wi0.weight()), null, 5);
    double[] up = Reference.linear(xd, 3, 4, pv.get(wi1.weight()), null, 5);
    double[] h = new double[gate.length];
    for (int i = 0; i < h.length; i++) {
      h[i] = Reference.gelu(gate[i]) * up[i];
    }
    double[] expected = Reference.linear(h, 3, 5, pv.get(wo.weight()), null, 4);
    assertThat(Tf.maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void pathsAreT5sWithoutBiases() {
    assertThat(ModuleTree.of(new GatedFeedForward(4, 5, Activation.GELU, 0.1)).params())
        .extracting(NamedParam::path)
        .containsExactly("wi_0.weight", "wi_1.weight", "wo.weight");
  }

  @Test
  void gradients() {
    GatedFeedForward ffn = new GatedFeedForward(4, 5, Activation.GELU, 0.0);
    GradientChecker.of(ffn).input(2, 3, 4).forward(ffn::forward).rtol(RTOL).check();
  }
}
