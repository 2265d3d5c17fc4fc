package io.expertize.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.Param;
import io.expertize.graph.ParamKind;
import io.expertize.nn.Linear;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The checker must catch the layer bugs it exists for, and name the parameter that has them. */
class GradientCheckerTest {

  /** {@code x * scale}, with switches for the bugs under test. */
  static final class Scale extends Module {
    enum Bug { NONE, FORGETS_BIAS, GRADIENT_TWO_PERCENT_SHORT, NON_DIFFERENTIABLE }

    final Param scale = param("scale", ParamKind.GAIN, 4);
    final Param bias = param("bias", ParamKind.BIAS, 4);
    final Bug bug;

    Scale(Bug bug) {
      this.bug = bug;
    }

    Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
      Ops tf = ctx.tf();
      Operand<TFloat32> s = ctx.read(scale);
      Operand<TFloat32> y =
          switch (bug) {
            // 1.02 * x*s in value, but 2% of s is not differentiated: only d/ds is 2% short
            case GRADIENT_TWO_PERCENT_SHORT ->
                tf.math.mul(x, tf.math.add(s, tf.math.mul(tf.constant(0.02f), tf.stopGradient(s))));
            // the scale reaches the output only through a comparison: no gradient flows
            case NON_DIFFERENTIABLE ->
                tf.math.mul(x, tf.dtypes.cast(tf.math.greater(s, tf.constant(0f)), TFloat32.class));
            default -> tf.math.mul(x, s);
          };
      return bug == Bug.FORGETS_BIAS ? y : tf.math.add(y, ctx.read(bias));
    }
  }

  /** Puts the layer under test at {@code blocks.1}, so messages must carry the full path. */
  static final class Model extends Module {
    final List<Scale> blocks;

    Model(Scale.Bug bug) {
      blocks = List.of(new Scale(Scale.Bug.NONE), new Scale(bug));
    }

    Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
      return blocks.get(1).forward(ctx, blocks.get(0).forward(ctx, x));
    }
  }

  private static GradientChecker.Builder checker(Model m) {
    return GradientChecker.of(m).input(3, 4).forward(m::forward).rtol(5e-3);
  }

  @Test
  void passesACorrectModelAndReportsEveryTensor() {
    GradientChecker.Report report = checker(new Model(Scale.Bug.NONE)).check();
    assertThat(report.tensors().keySet())
        .containsExactly("input", "blocks.0.scale", "blocks.0.bias", "blocks.1.scale", "blocks.1.bias");
    assertThat(report.worstRatio()).isLessThan(1);
  }

  @Test
  void failsWhenAParameterIsNeverRead() {
    assertThatThrownBy(() -> checker(new Model(Scale.Bug.FORGETS_BIAS)).check())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("never reads")
        .hasMessageContaining("blocks.1.bias");
  }

  @Test
  void failsOnAGradientTwoPercentOffAndNamesTheParameterAndBothValues() {
    assertThatThrownBy(() -> checker(new Model(Scale.Bug.GRADIENT_TWO_PERCENT_SHORT)).check())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("finite difference")
        .hasMessageContaining("analytic")
        .hasMessageContaining("'blocks.1.scale'");
  }

  @Test
  void failsWhenAParameterGetsNoGradient() {
    assertThatThrownBy(() -> checker(new Model(Scale.Bug.NON_DIFFERENTIABLE)).check())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("'blocks.1.scale' receives no gradient");
  }

  @Test
  void failsWhenTheForwardReadsAParameterOutsideTheTree() {
    // A child kept in a Map is invisible to ModuleTree: its parameters have no path.
    final class Hidden extends Module {
      final Map<String, Linear> byName = Map.of("fc", new Linear(4, 2));
    }
    Hidden h = new Hidden();
    assertThatThrownBy(() ->
            GradientChecker.of(h).input(3, 4).forward((ctx, x) -> h.byName.get("fc").forward(ctx, x)).check())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ModuleTree does not reach");
  }
}
