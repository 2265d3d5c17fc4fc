package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Swin's patch merging: every 2x2 neighbourhood of a {@code height x width} token grid concatenated
 * (top-left, bottom-left, top-right, bottom-right, as timm's x0..x3), normalised by {@code norm}
 * (LayerNorm of 4C) and projected by {@code reduction} (4C -> out, no bias). Halves the resolution.
 */
public class PatchMerging extends Module {
  private final int height;
  private final int width;
  private final long dim;
  private final LayerNorm norm;
  private final Linear reduction;

  public PatchMerging(PatchMergingOptions o) {
    this.height = o.height();
    this.width = o.width();
    this.dim = o.dim();
    this.norm = new LayerNorm(4 * dim, o.normEps());
    this.reduction = new Linear(4 * dim, o.outDim(), false);
  }

  /** x: {@code [B, H*W, C]} -> {@code [B, H/2 * W/2, out]}. */
  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    // [B, H/2, dh, W/2, dw, C] -> [B, H/2, W/2, dw, dh, C]: channel block dw*2 + dh, i.e. x0, x1, x2, x3
    Operand<TFloat32> pairs = tf.reshape(x, Shapes.of(tf, -1, height / 2, 2, width / 2, 2, dim));
    Operand<TFloat32> merged = tf.reshape(
        tf.linalg.transpose(pairs, tf.constant(new int[] {0, 1, 3, 4, 2, 5})),
        Shapes.of(tf, -1, (long) (height / 2) * (width / 2), 4 * dim));
    return reduction.forward(ctx, norm.forward(ctx, merged));
  }
}
