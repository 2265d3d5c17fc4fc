package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Stochastic depth: in training, drop a residual branch for a whole sample with probability p and
 * scale the kept ones by 1/(1-p). Applied to the branch output before it is added to the residual.
 */
public class DropPath extends Module {
  private final float rate;

  public DropPath(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("drop-path rate must be in [0, 1), got " + rate);
    }
    this.rate = (float) rate;
  }

  /**
   * timm's decay rule: block {@code index} of {@code count} drops at {@code linspace(0, maxRate, count)[index]},
   * so a lone block (linspace of one point) drops nothing. Every model of the zoo uses it.
   */
  public static double linearRate(double maxRate, int index, int count) {
    return count == 1 ? 0 : maxRate * index / (count - 1);
  }

  /** The probability of dropping the branch in training. */
  public double rate() {
    return rate;
  }

  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    if (!ctx.training() || rate == 0f) {
      return x;
    }
    Ops tf = ctx.tf();
    int rank = x.shape().numDimensions();
    long[] ones = new long[rank - 1];
    java.util.Arrays.fill(ones, 1L);
    Operand<TInt32> sampleShape =
        tf.concat(java.util.List.of(Shapes.dim(tf, x, 0), Shapes.of(tf, ones)), tf.constant(0));
    Operand<TFloat32> u = tf.random.statelessRandomUniform(sampleShape, ctx.nextSeed());
    return Dropout.keepScaled(tf, x, u, rate);
  }
}
