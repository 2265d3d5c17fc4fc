package io.expertize.zoo.swin;

import io.expertize.annotations.Expertize;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.nn.AttentionOptions;
import io.expertize.nn.DropPath;
import io.expertize.nn.FeedForward;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.FeedForwardOptions;
import io.expertize.nn.LayerNorm;
import io.expertize.nn.ShiftedWindows;
import io.expertize.nn.WindowAttention;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** timm's {@code SwinTransformerBlock}: {@code x + attn(norm1(x))} over (shifted) windows, then {@code x + mlp(norm2(x))}. */
public class SwinBlock extends Module {
  private final LayerNorm norm1;
  private final WindowAttention attn;
  private final DropPath dropPath;
  private final LayerNorm norm2;
  @Expertize // package-private: the generated builder reads it
  final FeedForwardNetwork mlp;

  SwinBlock(SwinConfig c, int stage, int block, double dropPath) {
    int dim = c.width(stage);
    int grid = c.resolution(stage);
    ShiftedWindows windows = new ShiftedWindows(grid, grid, c.window(stage), c.shift(stage, block));
    this.norm1 = new LayerNorm(dim, SwinTransformer.NORM_EPS);
    this.attn = new WindowAttention(
        AttentionOptions.builder().dim(dim).heads(c.heads().get(stage)).qkvBias(c.qkvBias()).projDrop(c.dropout()).build(),
        windows);
    this.dropPath = new DropPath(dropPath);
    this.norm2 = new LayerNorm(dim, SwinTransformer.NORM_EPS);
    this.mlp = new FeedForward(FeedForwardOptions.builder()
        .dim(dim).hidden((long) (dim * c.mlpRatio())).dropout(c.dropout()).build());
  }

  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    x = tf.math.add(x, dropPath.forward(ctx, attn.forward(ctx, norm1.forward(ctx, x))));
    return tf.math.add(x, dropPath.forward(ctx, mlp.forward(ctx, norm2.forward(ctx, x))));
  }
}
