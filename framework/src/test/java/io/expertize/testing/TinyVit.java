package io.expertize.testing;

import io.expertize.annotations.Expertize;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.nn.Attention;
import io.expertize.nn.ClassToken;
import io.expertize.nn.FeedForward;
import io.expertize.nn.ConfiguredImageClassifier;
import io.expertize.nn.ImageClassifierSpec;
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
 * A ViT laid out like the zoo's (which framework tests cannot see): same modules, same paths, and
 * like the zoo's its blocks' {@code mlp} is {@code @Expertize}d (the scheme comes from overrides).
 */
public final class TinyVit extends ConfiguredImageClassifier<ImageClassifierSpec> {
  private final PatchEmbed patchEmbed;
  private final ClassToken clsToken;
  private final PositionEmbedding posEmbed;
  private final List<TinyBlock> blocks = new ArrayList<>();
  private final LayerNorm norm;
  private final Linear head;
  private final long dim;

  public TinyVit(int imageSize, int patch, int channels, int classes, long dim, int depth, int heads, long hidden) {
    super(ImageClassifierSpec.of(imageSize, channels, classes));
    this.dim = dim;
    this.patchEmbed = new PatchEmbed(imageSize, patch, channels, dim);
    this.clsToken = new ClassToken(dim);
    this.posEmbed = new PositionEmbedding(patchEmbed.numPatches() + 1, dim);
    for (int i = 0; i < depth; i++) {
      blocks.add(new TinyBlock(dim, heads, hidden));
    }
    this.norm = new LayerNorm(dim, 1e-6);
    this.head = new Linear(dim, classes);
  }

  static final class TinyBlock extends Module {
    private final LayerNorm norm1;
    private final Attention attn;
    private final LayerNorm norm2;
    @Expertize
    private final FeedForward mlp;

    TinyBlock(long dim, int heads, long hidden) {
      this.norm1 = new LayerNorm(dim, 1e-6);
      this.attn = new Attention(dim, heads);
      this.norm2 = new LayerNorm(dim, 1e-6);
      this.mlp = new FeedForward(dim, hidden);
    }

    Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
      Ops tf = ctx.tf();
      x = tf.math.add(x, attn.forward(ctx, norm1.forward(ctx, x)));
      return tf.math.add(x, mlp.forward(ctx, norm2.forward(ctx, x)));
    }
  }

  @Override
  public Operand<TFloat32> logits(ForwardContext ctx, Operand<TFloat32> images) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = posEmbed.add(ctx, clsToken.prepend(ctx, patchEmbed.forward(ctx, images)));
    for (TinyBlock b : blocks) {
      x = b.forward(ctx, x);
    }
    x = norm.forward(ctx, x);
    Operand<TFloat32> cls = tf.reshape(
        tf.stridedSlice(x, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {0, 1, 0}),
            tf.constant(new int[] {1, 1, 1}), StridedSlice.beginMask(5L), StridedSlice.endMask(5L)),
        tf.constant(new int[] {-1, (int) dim}));
    return head.forward(ctx, cls);
  }
}
