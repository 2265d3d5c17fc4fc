package io.expertize.zoo.pvt;

import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.graph.ForwardContext;
import io.expertize.nn.ClassToken;
import io.expertize.nn.DropPath;
import io.expertize.nn.Dropout;
import io.expertize.nn.ConfiguredImageClassifier;
import io.expertize.nn.LayerNorm;
import io.expertize.nn.Linear;
import io.expertize.nn.PatchEmbed;
import io.expertize.nn.PatchEmbedOptions;
import io.expertize.nn.PositionEmbedding;
import io.expertize.nn.Shapes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Pyramid Vision Transformer v1 (Wang et al.), laid out like the reference {@code pvt.py}: per stage
 * a patch embedding with LayerNorm ({@code patch_embedN}), a learned position embedding
 * ({@code pos_embedN}) and blocks of spatial-reduction attention ({@code blockN}); the class token
 * joins in the last stage, whose first token feeds {@code norm} and {@code head}. Parameter names and
 * counts match the reference, and so does weight decay: the position embeddings decay, the class
 * token does not (the reference's {@code no_weight_decay()} is {@code {'cls_token'}}).
 *
 * <p>Every block's MLP is expertized with the papers' defaults (all blocks, 4 experts, memory bank).
 */
@FusionScheme(Scheme.MEMORY_BANK)
public class PyramidVisionTransformer extends ConfiguredImageClassifier<PvtConfig> {
  /** The reference's {@code norm_layer} (blocks and final norm). */
  static final double BLOCK_NORM_EPS = 1e-6;
  /** torch's default LayerNorm, used by the reference's patch embeddings and spatial reduction. */
  static final double EMBED_NORM_EPS = 1e-5;

  /** One stage's modules; the fields below give them the reference's names. */
  private record Stage(PatchEmbed patchEmbed, PositionEmbedding posEmbed, List<PvtBlock> blocks, int grid, int dim) {}

  private final List<Stage> stages;
  // stages beyond the config's count stay null
  private final PatchEmbed patchEmbed1;
  private final PositionEmbedding posEmbed1;
  private final List<PvtBlock> block1;
  private final PatchEmbed patchEmbed2;
  private final PositionEmbedding posEmbed2;
  private final List<PvtBlock> block2;
  private final PatchEmbed patchEmbed3;
  private final PositionEmbedding posEmbed3;
  private final List<PvtBlock> block3;
  private final PatchEmbed patchEmbed4;
  private final PositionEmbedding posEmbed4;
  private final List<PvtBlock> block4;
  private final Dropout posDrop;
  private final LayerNorm norm;
  private final ClassToken clsToken;
  private final Linear head;

  public PyramidVisionTransformer(PvtConfig c) {
    super(c);
    this.stages = buildStages(c);
    this.patchEmbed1 = part(0, Stage::patchEmbed);
    this.posEmbed1 = part(0, Stage::posEmbed);
    this.block1 = part(0, Stage::blocks);
    this.patchEmbed2 = part(1, Stage::patchEmbed);
    this.posEmbed2 = part(1, Stage::posEmbed);
    this.block2 = part(1, Stage::blocks);
    this.patchEmbed3 = part(2, Stage::patchEmbed);
    this.posEmbed3 = part(2, Stage::posEmbed);
    this.block3 = part(2, Stage::blocks);
    this.patchEmbed4 = part(3, Stage::patchEmbed);
    this.posEmbed4 = part(3, Stage::posEmbed);
    this.block4 = part(3, Stage::blocks);
    int width = c.dims().get(c.stages() - 1);
    this.posDrop = new Dropout(c.dropout());
    this.norm = new LayerNorm(width, BLOCK_NORM_EPS);
    this.clsToken = new ClassToken(width);
    this.head = new Linear(width, c.numClasses());
  }

  private static List<Stage> buildStages(PvtConfig c) {
    int totalBlocks = c.depths().stream().mapToInt(Integer::intValue).sum();
    List<Stage> built = new ArrayList<>();
    int block = 0;
    for (int i = 0; i < c.stages(); i++) {
      int dim = c.dims().get(i);
      int grid = c.resolution(i);
      // stage 1 embeds the image; each later stage embeds the previous stage's token grid, 2x2 patches
      PatchEmbedOptions.Builder embedding = i == 0
          ? PatchEmbedOptions.builder().imageSize(c.imageSize()).patchSize(c.patchSize()).channels(c.channels())
          : PatchEmbedOptions.builder().imageSize(c.resolution(i - 1)).patchSize(2).channels(c.dims().get(i - 1));
      PatchEmbed embed = new PatchEmbed(embedding.dim(dim).normEps(EMBED_NORM_EPS).build());
      boolean last = i == c.stages() - 1;
      // decayed: the reference's no_weight_decay() lists only cls_token (ViT's lists pos_embed too)
      PositionEmbedding pos = PositionEmbedding.decayed((long) grid * grid + (last ? 1 : 0), dim);
      List<PvtBlock> blocks = new ArrayList<>();
      for (int j = 0; j < c.depths().get(i); j++, block++) {
        blocks.add(new PvtBlock(c, i, DropPath.linearRate(c.dropPath(), block, totalBlocks)));
      }
      built.add(new Stage(embed, pos, blocks, grid, dim));
    }
    return List.copyOf(built);
  }

  private <T> T part(int stage, Function<Stage, T> part) {
    return stage < stages.size() ? part.apply(stages.get(stage)) : null;
  }

  @Override
  public Operand<TFloat32> logits(ForwardContext ctx, Operand<TFloat32> images) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = images;
    for (Stage s : stages) {
      boolean last = s == stages.get(stages.size() - 1);
      Operand<TFloat32> tokens = s.patchEmbed().forward(ctx, x);
      if (last) {
        tokens = clsToken.prepend(ctx, tokens);
      }
      tokens = posDrop.forward(ctx, s.posEmbed().add(ctx, tokens));
      for (PvtBlock b : s.blocks()) {
        tokens = b.forward(ctx, tokens);
      }
      x = last ? tokens : tf.reshape(tokens, Shapes.of(tf, -1, s.grid(), s.grid(), s.dim()));
    }
    Operand<TFloat32> classToken = tf.gather(norm.forward(ctx, x), tf.constant(0), tf.constant(1));
    return head.forward(ctx, classToken);
  }
}
