package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.Param;
import io.expertize.graph.ParamKind;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/** Layer normalisation over the last axis with a gain ({@code weight}) and a bias, as torch's. */
public class LayerNorm extends Module {
  private final float eps;
  private final Param weight;
  private final Param bias;

  public LayerNorm(long dim, double eps) {
    this.eps = (float) eps;
    this.weight = param("weight", ParamKind.GAIN, dim);
    this.bias = param("bias", ParamKind.BIAS, dim);
  }

  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    Operand<TFloat32> mean = tf.math.mean(x, tf.constant(-1), Mean.keepDims(true));
    Operand<TFloat32> centered = tf.math.sub(x, mean);
    Operand<TFloat32> var = tf.math.mean(tf.math.square(centered), tf.constant(-1), Mean.keepDims(true));
    Operand<TFloat32> normed = tf.math.mul(centered, tf.math.rsqrt(tf.math.add(var, tf.constant(eps))));
    return tf.math.add(tf.math.mul(normed, ctx.read(weight)), ctx.read(bias));
  }
}
