package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.Param;
import io.expertize.graph.ParamKind;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/** Root-mean-square normalisation with a gain only (T5's LayerNorm: no centring, no bias). */
public class RmsNorm extends Module {
  private final float eps;
  private final Param weight;

  public RmsNorm(long dim, double eps) {
    this.eps = (float) eps;
    this.weight = param("weight", ParamKind.GAIN, dim);
  }

  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    Operand<TFloat32> ms = tf.math.mean(tf.math.square(x), tf.constant(-1), Mean.keepDims(true));
    return tf.math.mul(tf.math.mul(x, tf.math.rsqrt(tf.math.add(ms, tf.constant(eps)))), ctx.read(weight));
  }
}
