package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Initializer;
import io.expertize.graph.Module;
import io.expertize.graph.Param;
import io.expertize.graph.ParamKind;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * {@code y = x W^T + b} over the last axis. The weight is stored {@code [out, in]}, the layout of
 * PyTorch and timm checkpoints, and multiplied with {@code transposeB} (free in oneDNN's GEMM).
 */
public class Linear extends Module {
  private final long in;
  private final long out;
  private final Param weight;
  private final Param bias;

  public Linear(long in, long out, boolean bias) {
    this(in, out, bias, ParamKind.WEIGHT.defaultInitializer());
  }

  /** A layer whose weight starts from {@code weightInit} (T5 scales each projection's std by its fan-in). */
  public Linear(long in, long out, boolean bias, Initializer weightInit) {
    if (in <= 0 || out <= 0) {
      throw new IllegalArgumentException("Linear needs positive sizes, got in=" + in + ", out=" + out);
    }
    this.in = in;
    this.out = out;
    this.weight = param("weight", ParamKind.WEIGHT, weightInit, out, in);
    this.bias = bias ? param("bias", ParamKind.BIAS, out) : null;
  }

  public Linear(long in, long out) {
    this(in, out, true);
  }

  public long in() {
    return in;
  }

  public long out() {
    return out;
  }

  public Param weight() {
    return weight;
  }

  /** The bias parameter, or null for a layer without bias. */
  public Param bias() {
    return bias;
  }

  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    long last = Shapes.lastDim(x);
    if (last != in) {
      throw new IllegalArgumentException("Linear expects last dimension " + in + ", got shape " + x.shape());
    }
    LinearKernel experts = ctx.override(this, LinearKernel.class);
    if (experts != null) {
      return experts.apply(ctx, x);
    }
    return apply(ctx.tf(), x, ctx.read(weight), bias == null ? null : ctx.read(bias));
  }

  /** {@code x W^T + b} over the last axis of {@code x} for a {@code [out, in]} weight; bias may be null. */
  public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> weight, Operand<TFloat32> bias) {
    long in = weight.shape().size(1);
    boolean flat = x.shape().numDimensions() == 2;
    Operand<TFloat32> x2 = flat ? x : tf.reshape(x, Shapes.of(tf, -1, in));
    Operand<TFloat32> y = tf.linalg.matMul(x2, weight, MatMul.transposeB(true));
    if (bias != null) {
      y = tf.nn.biasAdd(y, bias);
    }
    return flat ? y : tf.reshape(y, Shapes.withLastDim(tf, x, weight.shape().size(0)));
  }
}
