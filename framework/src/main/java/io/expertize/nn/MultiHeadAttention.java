package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Multi-head attention with separate {@code q}, {@code k}, {@code v}, {@code o} projections and
 * keys/values from any sequence: self-attention when it is the query's own, cross-attention when it
 * is an encoder's. The projections come built (their initialisers and biases are the caller's
 * choice); the head width is theirs divided by the head count, so it need not be {@code dim / heads}
 * (T5's {@code d_kv}).
 */
public class MultiHeadAttention extends Module {
  private final int heads;
  private final double scale;
  private final Linear q;
  private final Linear k;
  private final Linear v;
  private final Linear o;
  private final Dropout attnDrop;

  public MultiHeadAttention(MultiHeadAttentionOptions o) {
    this.heads = o.heads();
    this.scale = o.scale();
    this.q = o.q();
    this.k = o.k();
    this.v = o.v();
    this.o = o.o();
    this.attnDrop = new Dropout(o.attnDrop());
  }

  /**
   * @param x queries {@code [B, Tq, D]}, Tq known when the graph is built
   * @param memory keys and values {@code [B, Tk, Dm]} ({@code x} itself for self-attention)
   * @param bias additive logits bias broadcastable to {@code [B, H, Tq, Tk]}, or null
   */
  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x, Operand<TFloat32> memory, Operand<TFloat32> bias) {
    return attend(ctx, x, keys(ctx, memory), values(ctx, memory), bias);
  }

  /** The keys of {@code memory} {@code [B, Tk, Dm]}, split into heads {@code [B, H, Tk, hd]}: what a decoder caches. */
  public Operand<TFloat32> keys(ForwardContext ctx, Operand<TFloat32> memory) {
    return splitHeads(ctx.tf(), k.forward(ctx, memory));
  }

  /** The values of {@code memory}, split into heads like {@link #keys}. */
  public Operand<TFloat32> values(ForwardContext ctx, Operand<TFloat32> memory) {
    return splitHeads(ctx.tf(), v.forward(ctx, memory));
  }

  /**
   * Queries {@code x} {@code [B, Tq, D]} over keys and values already projected and split
   * ({@link #keys}, {@link #values}, or a decoder's cache of them); {@code bias} as in {@link #forward}.
   */
  public Operand<TFloat32> attend(ForwardContext ctx, Operand<TFloat32> x, Operand<TFloat32> keys,
      Operand<TFloat32> values, Operand<TFloat32> bias) {
    Ops tf = ctx.tf();
    Operand<TFloat32> out = ScaledDotProductAttention.apply(ctx, splitHeads(tf, q.forward(ctx, x)), keys, values,
        bias, scale, attnDrop);
    long tokens = x.shape().get(1);
    Operand<TFloat32> merged = tf.reshape(tf.linalg.transpose(out, tf.constant(new int[] {0, 2, 1, 3})),
        Shapes.of(tf, -1, tokens, q.out()));
    return o.forward(ctx, merged);
  }

  public int heads() {
    return heads;
  }

  /** Width of one head. */
  public long headDim() {
    return q.out() / heads;
  }

  /** {@code [B, T, H * hd]} to {@code [B, H, T, hd]}. */
  private Operand<TFloat32> splitHeads(Ops tf, Operand<TFloat32> y) {
    long tokens = y.shape().get(1);
    if (tokens < 0) {
      throw new IllegalArgumentException("attention needs the sequence length when the graph is built, got shape " + y.shape());
    }
    return tf.linalg.transpose(tf.reshape(y, Shapes.of(tf, -1, tokens, heads, q.out() / heads)),
        tf.constant(new int[] {0, 2, 1, 3}));
  }
}
