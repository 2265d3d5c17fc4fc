package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Inverted dropout: zero each element with probability p in training, scale the rest by 1/(1-p). */
public class Dropout extends Module {
  private final float rate;

  public Dropout(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
    }
    this.rate = (float) rate;
  }

  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    if (!ctx.training() || rate == 0f) {
      return x;
    }
    Ops tf = ctx.tf();
    Operand<TFloat32> u = tf.random.statelessRandomUniform(tf.shape(x), ctx.nextSeed());
    return keepScaled(tf, x, u, rate);
  }

  /** {@code x * [u >= rate] / (1 - rate)}. */
  static Operand<TFloat32> keepScaled(Ops tf, Operand<TFloat32> x, Operand<TFloat32> u, float rate) {
    Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(u, tf.constant(rate)), TFloat32.class);
    return tf.math.mul(x, tf.math.mul(keep, tf.constant(1f / (1f - rate))));
  }
}
