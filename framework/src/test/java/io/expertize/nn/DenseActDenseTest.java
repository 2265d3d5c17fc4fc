package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.graph.Initializer;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.testing.GradientChecker;
import io.expertize.testing.Reference;
import io.expertize.testing.Tf;
import io.expertize.testing.Tf.ParamValues;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseActDenseTest {
  private static final Initializer INIT = Initializer.truncatedNormal(0.1);

  private static FeedForwardOptions t5(Activation activation, double dropout) {
    return FeedForwardOptions.builder().dim(4).hidden(6).activation(activation).dropout(dropout).bias(false)
        .inputInit(INIT).outputInit(INIT).build();
  }

  @Test
  void forwardIsWoOfReluOfWi() {
    DenseActDense ffn = new DenseActDense(t5(Activation.RELU, 0.0));
    ParamValues pv = ParamValues.random(ffn, 1, 0.5);
    float[] x = Tf.normal(new Random(2), 3 * 4, 1.0);
    Tf.Values y = Tf.eval(tf -> ffn.forward(pv.inference(tf), Tf.constant(tf, x, 3, 4)));

    double[] h = Reference.linear(Reference.toDouble(x), 3, 4, pv.get(ffn.projections().get(0).weight()), null, 6);
    for (int i = 0; i < h.length; i++) {
      h[i] = Math.max(h[i], 0);
    }
    double[] expected = Reference.linear(h, 3, 6, pv.get(ffn.projections().get(1).weight()), null, 4);
    assertThat(Tf.maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void pathsAreT5sWithoutBiases() {
    assertThat(ModuleTree.of(new DenseActDense(t5(Activation.RELU, 0.1))).params())
        .extracting(NamedParam::path).containsExactly("wi.weight", "wo.weight");
  }

  @Test
  void gradients() {
    // GELU instead of ReLU: same wiring, and no kink for a finite difference to straddle.
    DenseActDense ffn = new DenseActDense(t5(Activation.GELU, 0.0));
    GradientChecker.of(ffn).input(2, 3, 4).forward(ffn::forward).rtol(5e-3).check();
  }
}
