package io.expertize.zoo.pvt;

import io.expertize.annotations.Expertize;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.nn.AttentionOptions;
import io.expertize.nn.DropPath;
import io.expertize.nn.FeedForward;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.FeedForwardOptions;
import io.expertize.nn.LayerNorm;
import io.expertize.nn.SpatialReduction;
import io.expertize.nn.SpatialReductionAttention;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** PVT's pre-norm block: {@code x + attn(norm1(x))} with spatial-reduction attention, then {@code x + mlp(norm2(x))}. */
public class PvtBlock extends Module {
  private final LayerNorm norm1;
  private final SpatialReductionAttention attn;
  private final DropPath dropPath;
  private final LayerNorm norm2;
  @Expertize // package-private: the generated builder reads it
  final FeedForwardNetwork mlp;

  PvtBlock(PvtConfig c, int stage, double dropPath) {
    int dim = c.dims().get(stage);
    int grid = c.resolution(stage);
    this.norm1 = new LayerNorm(dim, PyramidVisionTransformer.BLOCK_NORM_EPS);
    this.attn = new SpatialReductionAttention(
        AttentionOptions.builder().dim(dim).heads(c.heads().get(stage)).qkvBias(c.qkvBias()).projDrop(c.dropout()).build(),
        SpatialReduction.builder().height(grid).width(grid).ratio(c.srRatios().get(stage))
            .normEps(PyramidVisionTransformer.EMBED_NORM_EPS).build());
    this.dropPath = new DropPath(dropPath);
    this.norm2 = new LayerNorm(dim, PyramidVisionTransformer.BLOCK_NORM_EPS);
    this.mlp = new FeedForward(FeedForwardOptions.builder()
        .dim(dim).hidden((long) (dim * c.mlpRatios().get(stage))).dropout(c.dropout()).build());
  }

  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    x = tf.math.add(x, dropPath.forward(ctx, attn.forward(ctx, norm1.forward(ctx, x))));
    return tf.math.add(x, dropPath.forward(ctx, mlp.forward(ctx, norm2.forward(ctx, x))));
  }
}
