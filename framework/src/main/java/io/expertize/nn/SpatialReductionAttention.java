package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * PVT v1's spatial-reduction attention: queries from every token of a {@code height x width} grid,
 * keys and values from that grid shrunk by a {@code ratio x ratio} patch convolution ({@code sr})
 * and a LayerNorm ({@code norm}), which divides the cost of attention by ratio². Projections
 * {@code q}, {@code kv} (keys and values stacked) and {@code proj}, as the reference. With ratio 1
 * there is no reduction and the tokens may carry a prefix (PVT's class token in its last stage).
 */
public class SpatialReductionAttention extends Module {
  private final long dim;
  private final int heads;
  private final int height;
  private final int width;
  private final int ratio;
  private final Linear q;
  private final Linear kv;
  private final Dropout attnDrop;
  private final Linear proj;
  private final Dropout projDrop;
  private final PatchConv sr;
  private final LayerNorm norm;

  public SpatialReductionAttention(AttentionOptions attention, SpatialReduction reduction) {
    this.dim = attention.dim();
    this.heads = attention.heads();
    this.height = reduction.height();
    this.width = reduction.width();
    this.ratio = reduction.ratio();
    this.q = new Linear(dim, dim, attention.qkvBias());
    this.kv = new Linear(dim, 2 * dim, attention.qkvBias());
    this.attnDrop = new Dropout(attention.attnDrop());
    this.proj = new Linear(dim, dim, true);
    this.projDrop = new Dropout(attention.projDrop());
    this.sr = ratio > 1 ? new PatchConv(dim, dim, ratio) : null;
    this.norm = ratio > 1 ? new LayerNorm(dim, reduction.normEps()) : null;
  }

  /** x: {@code [B, T, D]}; T = height * width when the ratio is above 1. */
  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    long tokens = x.shape().get(1);
    long headDim = dim / heads;
    Operand<TFloat32> source = ratio == 1 ? x : reduce(ctx, x, tokens);
    Output<TFloat32> queries = Heads.split(tf, q.forward(ctx, x), tokens, 1, heads, headDim).get(0);
    List<Output<TFloat32>> keysValues = Heads.split(tf, kv.forward(ctx, source), source.shape().get(1), 2, heads, headDim);
    Operand<TFloat32> out = ScaledDotProductAttention.apply(
        ctx, queries, keysValues.get(0), keysValues.get(1), null, 1.0 / Math.sqrt(headDim), attnDrop);
    return projDrop.forward(ctx, proj.forward(ctx, Heads.merge(tf, out, tokens, dim)));
  }

  /** The grid's tokens shrunk by the ratio on both axes: {@code [B, (H/r)(W/r), D]}. */
  private Operand<TFloat32> reduce(ForwardContext ctx, Operand<TFloat32> x, long tokens) {
    if (tokens != (long) height * width) {
      throw new IllegalArgumentException(String.format(
          "spatial reduction (ratio %d) needs exactly the %dx%d grid's tokens, got shape %s: a class token needs ratio 1",
          ratio, height, width, x.shape()));
    }
    Ops tf = ctx.tf();
    Operand<TFloat32> reduced = sr.forward(ctx, tf.reshape(x, Shapes.of(tf, -1, height, width, dim)));
    long kept = (long) (height / ratio) * (width / ratio);
    return norm.forward(ctx, tf.reshape(reduced, Shapes.of(tf, -1, kept, dim)));
  }
}
