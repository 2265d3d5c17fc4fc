package io.expertize.zoo.vit;

import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.graph.ForwardContext;
import io.expertize.nn.ClassToken;
import io.expertize.nn.ConfiguredImageClassifier;
import io.expertize.nn.DropPath;
import io.expertize.nn.LayerNorm;
import io.expertize.nn.Linear;
import io.expertize.nn.PatchEmbed;
import io.expertize.nn.PositionEmbedding;
import io.expertize.nn.Shapes;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.types.TFloat32;

/**
 * Vision Transformer (Dosovitskiy et al.) laid out like timm's {@code VisionTransformer}: patch
 * embedding, class token, learned position embedding, pre-norm blocks, final norm, class-token
 * pooling, linear head. Parameter names and counts match timm.
 *
 * <p>Every block's MLP is expertized with the papers' defaults (all blocks, 4 experts, memory bank);
 * {@code fusion.scheme=dense} trains it as written.
 */
@FusionScheme(Scheme.MEMORY_BANK)
public class VisionTransformer extends ConfiguredImageClassifier<VitConfig> {
  private final int prefixTokens;
  private final PatchEmbed patchEmbed;
  private final ClassToken clsToken;
  private final PositionEmbedding posEmbed;
  private final List<Block> blocks = new ArrayList<>();
  private final LayerNorm norm;
  private final LayerNorm fcNorm;
  private final Linear head;

  public VisionTransformer(VitConfig c) {
    this(c, 1);
  }

  /** {@code prefixTokens}: the class token plus the tokens a subclass prepends (DeiT's distillation token). */
  protected VisionTransformer(VitConfig c, int prefixTokens) {
    super(c);
    this.prefixTokens = prefixTokens;
    this.patchEmbed = new PatchEmbed(c.imageSize(), c.patchSize(), c.channels(), c.dim());
    this.clsToken = new ClassToken(c.dim());
    this.posEmbed = new PositionEmbedding(c.numPatches() + prefixTokens, c.dim());
    for (int i = 0; i < c.depth(); i++) {
      blocks.add(new Block(c, DropPath.linearRate(c.dropPath(), i, c.depth())));
    }
    // timm: the final norm acts on all tokens for token pooling, on the pooled vector (fc_norm) for avg
    this.norm = c.pooling() == Pooling.TOKEN ? new LayerNorm(c.dim(), c.layerNormEps()) : null;
    this.fcNorm = c.pooling() == Pooling.AVG ? new LayerNorm(c.dim(), c.layerNormEps()) : null;
    this.head = new Linear(c.dim(), c.numClasses());
  }

  @Override
  public Operand<TFloat32> logits(ForwardContext ctx, Operand<TFloat32> images) {
    return head.forward(ctx, pool(ctx, features(ctx, images)));
  }

  /** Every token after the blocks, {@code [B, prefix + patches, D]}; normed here for token pooling. */
  protected Operand<TFloat32> features(ForwardContext ctx, Operand<TFloat32> images) {
    Operand<TFloat32> x = posEmbed.add(ctx, prependTokens(ctx, patchEmbed.forward(ctx, images)));
    for (Block b : blocks) {
      x = b.forward(ctx, x);
    }
    return norm == null ? x : norm.forward(ctx, x);
  }

  /** Puts the class token in front of the patch tokens; DeiT adds its distillation token after it. */
  protected Operand<TFloat32> prependTokens(ForwardContext ctx, Operand<TFloat32> patches) {
    return clsToken.prepend(ctx, patches);
  }

  private Operand<TFloat32> pool(ForwardContext ctx, Operand<TFloat32> x) {
    if (config().pooling() == Pooling.TOKEN) {
      return token(ctx, x, 0);
    }
    Ops tf = ctx.tf();
    Operand<TFloat32> patches = tf.stridedSlice(x, Shapes.of(tf, 0, prefixTokens, 0), Shapes.of(tf, 0, 0, 0),
        Shapes.of(tf, 1, 1, 1), StridedSlice.beginMask(5L), StridedSlice.endMask(7L));
    return fcNorm.forward(ctx, tf.math.mean(patches, tf.constant(1)));
  }

  /** Token {@code index} of every sample: {@code [B, T, D]} -> {@code [B, D]}. */
  protected static Operand<TFloat32> token(ForwardContext ctx, Operand<TFloat32> x, int index) {
    Ops tf = ctx.tf();
    return tf.gather(x, tf.constant(index), tf.constant(1));
  }

  protected Linear head() {
    return head;
  }
}
