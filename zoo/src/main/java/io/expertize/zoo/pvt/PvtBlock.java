package io.expertize.zoo.pvt;

import io.expertize.annotations.Expertize;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.nn.Activation;
import io.expertize.nn.DropPath;
import io.expertize.nn.FeedForward;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.LayerNorm;
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
    this.attn = new SpatialReductionAttention(dim, c.heads().get(stage), c.qkvBias(), 0.0, c.dropout(),
        grid, grid, c.srRatios().get(stage), PyramidVisionTransformer.EMBED_NORM_EPS);
    this.dropPath = new DropPath(dropPath);
    this.norm2 = new LayerNorm(dim, PyramidVisionTransformer.BLOCK_NORM_EPS);
    this.mlp = new FeedForward(dim, (long) (dim * c.mlpRatios().get(stage)), Activation.GELU, true, c.dropout());
  }

  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    x = tf.math.add(x, dropPath.forward(ctx, attn.forward(ctx, norm1.forward(ctx, x))));
    return tf.math.add(x, dropPath.forward(ctx, mlp.forward(ctx, norm2.forward(ctx, x))));
  }
}
