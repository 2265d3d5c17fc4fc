package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.Param;
import io.expertize.graph.ParamKind;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * A convolution whose kernel equals its stride (patch embedding, PVT's spatial reduction). Computed
 * as patchify + one GEMM, which is exact and cheaper than Conv2D for non-overlapping windows. The
 * weight keeps torch's {@code [out, in, k, k]} layout so reference checkpoints map one to one.
 */
public class PatchConv extends Module {
  private final long in;
  private final long out;
  private final long k;
  private final Param weight;
  private final Param bias;

  public PatchConv(long in, long out, long kernel) {
    this.in = in;
    this.out = out;
    this.k = kernel;
    this.weight = param("weight", ParamKind.WEIGHT, out, in, kernel, kernel);
    this.bias = param("bias", ParamKind.BIAS, out);
  }

  /** x: {@code [B, H, W, in]} (NHWC) with H and W multiples of the kernel; returns {@code [B, H/k, W/k, out]}. */
  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    long h = x.shape().get(1);
    long w = x.shape().get(2);
    if (h < 0 || w < 0 || h % k != 0 || w % k != 0 || x.shape().get(3) != in) {
      throw new IllegalArgumentException(
          "PatchConv(kernel " + k + ", in " + in + ") needs NHWC input with H and W multiples of " + k
              + " and " + in + " channels, got " + x.shape());
    }
    long gh = h / k;
    long gw = w / k;
    // [B, gh, k, gw, k, C] -> [B, gh, gw, C, k, k]: torch's (C, kh, kw) order inside a patch
    Operand<TFloat32> patches =
        tf.reshape(
            tf.linalg.transpose(
                tf.reshape(x, Shapes.of(tf, -1, gh, k, gw, k, in)),
                tf.constant(new int[] {0, 1, 3, 5, 2, 4})),
            Shapes.of(tf, -1, in * k * k));
    Operand<TFloat32> kernel = tf.reshape(ctx.read(weight), Shapes.of(tf, out, in * k * k));
    Operand<TFloat32> y =
        tf.nn.biasAdd(tf.linalg.matMul(patches, kernel, MatMul.transposeB(true)), ctx.read(bias));
    return tf.reshape(y, Shapes.of(tf, -1, gh, gw, out));
  }
}
