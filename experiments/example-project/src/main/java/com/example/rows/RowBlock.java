package com.example.rows;

import io.expertize.annotations.Expertize;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.nn.Attention;
import io.expertize.nn.FeedForward;
import io.expertize.nn.LayerNorm;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A pre-norm encoder block over the row tokens: {@code x + attn(norm1(x))}, then {@code x + ffn(norm2(x))}. */
public class RowBlock extends Module {
  private final LayerNorm norm1;
  private final Attention attn;
  private final LayerNorm norm2;
  @Expertize // package-private, not private: the generated Expertize_RowTransformer reads it
  final FeedForward ffn;

  RowBlock(int width, int heads) {
    this.norm1 = new LayerNorm(width, 1e-6);
    this.attn = new Attention(width, heads);
    this.norm2 = new LayerNorm(width, 1e-6);
    this.ffn = new FeedForward(width, 2L * width);
  }

  Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    x = tf.math.add(x, attn.forward(ctx, norm1.forward(ctx, x)));
    return tf.math.add(x, ffn.forward(ctx, norm2.forward(ctx, x)));
  }
}
