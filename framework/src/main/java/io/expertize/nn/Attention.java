package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Multi-head self-attention with a fused qkv projection (timm's {@code Attention}): {@code qkv},
 * {@code proj}. Subclasses change the additive attention bias (relative positions, masks) through
 * {@link #attentionBias}; variants with other key/value sources (PVT's spatial reduction, T5's
 * cross-attention) build their own q, k, v and meet this class in {@link ScaledDotProductAttention}.
 */
public class Attention extends Module {
  protected final long dim;
  protected final int heads;
  protected final Linear qkv;
  protected final Dropout attnDrop;
  protected final Linear proj;
  protected final Dropout projDrop;

  /** Biases on qkv, no dropout: timm's defaults. */
  public Attention(long dim, int heads) {
    this(AttentionOptions.builder().dim(dim).heads(heads).build());
  }

  public Attention(AttentionOptions o) {
    this.dim = o.dim();
    this.heads = o.heads();
    this.qkv = new Linear(dim, 3 * dim, o.qkvBias());
    this.attnDrop = new Dropout(o.attnDrop());
    this.proj = new Linear(dim, dim, true);
    this.projDrop = new Dropout(o.projDrop());
  }

  public long headDim() {
    return dim / heads;
  }

  /** x: {@code [B, T, D]} with T known at build time. */
  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    long tokens = x.shape().get(1);
    List<Output<TFloat32>> qkvHeads = Heads.split(tf, qkv.forward(ctx, x), tokens, 3, heads, headDim());
    Operand<TFloat32> out =
        ScaledDotProductAttention.apply(
            ctx, qkvHeads.get(0), qkvHeads.get(1), qkvHeads.get(2), attentionBias(ctx, tokens),
            1.0 / Math.sqrt(headDim()), attnDrop);
    return projDrop.forward(ctx, proj.forward(ctx, Heads.merge(tf, out, tokens, dim)));
  }

  /** Additive bias of the attention logits, broadcastable to {@code [B, H, T, T]}; none here. */
  protected Operand<TFloat32> attentionBias(ForwardContext ctx, long tokens) {
    return null;
  }
}
