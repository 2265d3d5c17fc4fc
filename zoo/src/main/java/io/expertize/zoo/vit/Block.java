package io.expertize.zoo.vit;

import io.expertize.annotations.Expertize;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.nn.Attention;
import io.expertize.nn.AttentionOptions;
import io.expertize.nn.DropPath;
import io.expertize.nn.FeedForward;
import io.expertize.nn.FeedForwardOptions;
import io.expertize.nn.LayerNorm;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Pre-norm Transformer block: {@code x + attn(norm1(x))}, then {@code x + mlp(norm2(x))}. */
public class Block extends Module {
  private final LayerNorm norm1;
  private final Attention attn;
  private final DropPath dropPath1;
  private final LayerNorm norm2;
  @Expertize // public: the generated builders read it, DeiT's from io.expertize.zoo.deit
  public final FeedForward mlp;
  private final DropPath dropPath2;

  public Block(VitConfig c, double dropPath) {
    this.norm1 = new LayerNorm(c.dim(), c.layerNormEps());
    this.attn = new Attention(
        AttentionOptions.builder().dim(c.dim()).heads(c.heads()).qkvBias(c.qkvBias()).projDrop(c.dropout()).build());
    this.dropPath1 = new DropPath(dropPath);
    this.norm2 = new LayerNorm(c.dim(), c.layerNormEps());
    this.mlp = new FeedForward(FeedForwardOptions.builder()
        .dim(c.dim()).hidden(Math.round(c.dim() * c.mlpRatio())).dropout(c.dropout()).build());
    this.dropPath2 = new DropPath(dropPath);
  }

  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    x = tf.math.add(x, dropPath1.forward(ctx, attn.forward(ctx, norm1.forward(ctx, x))));
    return tf.math.add(x, dropPath2.forward(ctx, mlp.forward(ctx, norm2.forward(ctx, x))));
  }
}
