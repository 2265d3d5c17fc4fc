package io.expertize.zoo.swin;

import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.graph.ForwardContext;
import io.expertize.nn.DropPath;
import io.expertize.nn.Dropout;
import io.expertize.nn.ConfiguredImageClassifier;
import io.expertize.nn.LayerNorm;
import io.expertize.nn.Linear;
import io.expertize.nn.PatchEmbed;
import io.expertize.nn.PatchEmbedOptions;
import io.expertize.nn.PatchMerging;
import io.expertize.nn.PatchMergingOptions;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Swin Transformer (Liu et al.) laid out like timm's {@code SwinTransformer}: patch embedding with
 * LayerNorm, no absolute position embedding, stages ({@code layers.i}) of (shifted) window attention
 * blocks each followed by patch merging, final {@code norm}, average pooling over tokens and a linear
 * {@code head}. Parameter names and counts match timm.
 *
 * <p>Every block's MLP is expertized with the papers' defaults (all blocks, 4 experts, memory bank).
 */
@FusionScheme(Scheme.MEMORY_BANK)
public class SwinTransformer extends ConfiguredImageClassifier<SwinConfig> {
  /** torch's default LayerNorm, which Swin uses throughout. */
  static final double NORM_EPS = 1e-5;

  private final PatchEmbed patchEmbed;
  private final Dropout posDrop;
  private final List<SwinStage> layers = new ArrayList<>();
  private final LayerNorm norm;
  private final Linear head;

  public SwinTransformer(SwinConfig c) {
    super(c);
    this.patchEmbed = new PatchEmbed(PatchEmbedOptions.builder().imageSize(c.imageSize())
        .patchSize(c.patchSize()).channels(c.channels()).dim(c.embedDim()).normEps(NORM_EPS).build());
    this.posDrop = new Dropout(c.dropout());
    int totalBlocks = c.depths().stream().mapToInt(Integer::intValue).sum();
    int index = 0;
    for (int i = 0; i < c.stages(); i++) {
      List<SwinBlock> blocks = new ArrayList<>();
      for (int j = 0; j < c.depths().get(i); j++, index++) {
        blocks.add(new SwinBlock(c, i, j, DropPath.linearRate(c.dropPath(), index, totalBlocks)));
      }
      boolean last = i == c.stages() - 1;
      int grid = c.resolution(i);
      layers.add(new SwinStage(blocks, last ? null : new PatchMerging(PatchMergingOptions.builder()
          .height(grid).width(grid).dim(c.width(i)).outDim(c.width(i + 1)).normEps(NORM_EPS).build())));
    }
    int features = c.width(c.stages() - 1);
    this.norm = new LayerNorm(features, NORM_EPS);
    this.head = new Linear(features, c.numClasses());
  }

  @Override
  public Operand<TFloat32> logits(ForwardContext ctx, Operand<TFloat32> images) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = posDrop.forward(ctx, patchEmbed.forward(ctx, images));
    for (SwinStage stage : layers) {
      x = stage.forward(ctx, x);
    }
    return head.forward(ctx, tf.math.mean(norm.forward(ctx, x), tf.constant(1)));
  }
}
