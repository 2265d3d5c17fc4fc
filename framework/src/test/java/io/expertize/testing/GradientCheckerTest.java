package io.expertize.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.Param;
import io.expertize.graph.ParamKind;
import io.expertize.nn.Linear;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** The checker itself must be able to fail: wrong gradients and unused parameters are caught. */
class GradientCheckerTest {

  @Test
  void detectsAGradientThatDisagreesWithTheFunction() {
    Linear fc = new Linear(4, 3);
    // y = 2 fc(x) numerically, but TF only sees one of the two paths
    try (LayerHarness h = new LayerHarness(fc, Shape.of(2, 4), false,
        (ctx, x) -> ctx.tf().math.add(fc.forward(ctx, x), ctx.tf().stopGradient(fc.forward(ctx, x))), 1)) {
      assertThatThrownBy(() -> GradientChecker.check(h)).hasMessageContaining("finite difference");
    }
  }

  @Test
  void detectsAParameterThatIsNeverUsed() {
    Forgetful m = new Forgetful();
    try (LayerHarness h = new LayerHarness(m, Shape.of(2, 4), false, m::forward, 1)) {
      assertThatThrownBy(() -> GradientChecker.check(h)).hasMessageContaining("unused");
    }
  }

  /** Declares a parameter and then forgets it in forward. */
  static final class Forgetful extends Module {
    final Linear fc = new Linear(4, 4);
    final Param unused = param("unused", ParamKind.BIAS, 4);

    Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
      // read it (so TF has a node) but multiply by zero: its gradient is identically zero
      return ctx.tf().math.add(fc.forward(ctx, x), ctx.tf().math.mul(ctx.read(unused), ctx.tf().constant(0f)));
    }
  }
}
