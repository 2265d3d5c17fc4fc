package io.expertize.zoo.vit;

import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.graph.ForwardContext;
import io.expertize.nn.ClassToken;
import io.expertize.nn.Shapes;
import io.expertize.nn.ImageClassifier;
import io.expertize.nn.LayerNorm;
import io.expertize.nn.Linear;
import io.expertize.nn.PatchEmbed;
import io.expertize.nn.PositionEmbedding;
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
public class VisionTransformer extends ImageClassifier {
  private final transient VitConfig config;
  private final PatchEmbed patchEmbed;
  private final ClassToken clsToken;
  private final PositionEmbedding posEmbed;
  private final List<Block> blocks = new ArrayList<>();
  private final LayerNorm norm;
  private final LayerNorm fcNorm;
  private final Linear head;

  public VisionTransformer(VitConfig c) {
    this.config = c;
    this.patchEmbed = new PatchEmbed(c.imageSize(), c.patchSize(), c.channels(), c.dim());
    this.clsToken = new ClassToken(c.dim());
    this.posEmbed = new PositionEmbedding(c.numPatches() + 1, c.dim());
    for (int i = 0; i < c.depth(); i++) {
      // stochastic depth grows linearly with depth, as timm
      double rate = c.depth() == 1 ? c.dropPath() : c.dropPath() * i / (c.depth() - 1);
      blocks.add(new Block(c, rate));
    }
    // timm: the final norm acts on all tokens for token pooling, on the pooled vector (fc_norm) for avg
    this.norm = c.pooling() == Pooling.TOKEN ? new LayerNorm(c.dim(), c.layerNormEps()) : null;
    this.fcNorm = c.pooling() == Pooling.AVG ? new LayerNorm(c.dim(), c.layerNormEps()) : null;
    this.head = new Linear(c.dim(), c.numClasses());
  }

  public VitConfig config() {
    return config;
  }

  @Override
  public Operand<TFloat32> logits(ForwardContext ctx, Operand<TFloat32> images) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = posEmbed.add(ctx, clsToken.prepend(ctx, patchEmbed.forward(ctx, images)));
    for (Block b : blocks) {
      x = b.forward(ctx, x);
    }
    return head.forward(ctx, pool(ctx, x));
  }

  private Operand<TFloat32> pool(ForwardContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    if (config.pooling() == Pooling.AVG) {
      Operand<TFloat32> patches = tf.stridedSlice(x, Shapes.of(tf, 0, 1, 0), Shapes.of(tf, 0, 0, 0),
          Shapes.of(tf, 1, 1, 1), StridedSlice.beginMask(5L), StridedSlice.endMask(7L));
      return fcNorm.forward(ctx, tf.math.mean(patches, tf.constant(1)));
    }
    Operand<TFloat32> tokens = norm.forward(ctx, x);
    return tf.reshape(
        tf.stridedSlice(tokens, Shapes.of(tf, 0, 0, 0), Shapes.of(tf, 0, 1, 0), Shapes.of(tf, 1, 1, 1),
            StridedSlice.beginMask(5L), StridedSlice.endMask(5L)),
        Shapes.of(tf, -1, config.dim()));
  }

  @Override
  public int imageSize() {
    return config.imageSize();
  }

  @Override
  public int channels() {
    return config.channels();
  }

  @Override
  public int numClasses() {
    return config.numClasses();
  }
}
