package io.expertize.testing;

import io.expertize.graph.ForwardContext;
import io.expertize.nn.DistilledClassifier;
import io.expertize.nn.Dropout;
import io.expertize.nn.FeedForward;
import io.expertize.nn.ConfiguredImageClassifier;
import io.expertize.nn.ImageClassifierSpec;
import io.expertize.nn.LayerNorm;
import io.expertize.nn.Linear;
import io.expertize.nn.PatchEmbed;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@link TinyClassifier} with a second head, the smallest {@link DistilledClassifier}: both heads read
 * the mean-pooled features (DeiT reads two tokens; the loss cannot tell), and {@link #logits} averages
 * them as DeiT does at inference.
 */
public final class TinyDistilledClassifier extends ConfiguredImageClassifier<ImageClassifierSpec> implements DistilledClassifier {
  private final PatchEmbed patchEmbed;
  private final LayerNorm norm;
  private final FeedForward mlp;
  private final Dropout drop;
  private final Linear head;
  private final Linear headDist;

  public TinyDistilledClassifier(int imageSize, int classes, int patch, int dim) {
    super(ImageClassifierSpec.of(imageSize, 1, classes));
    this.patchEmbed = new PatchEmbed(imageSize, patch, 1, dim);
    this.norm = new LayerNorm(dim, 1e-6);
    this.mlp = new FeedForward(dim, 2L * dim);
    this.drop = new Dropout(0.1);
    this.head = new Linear(dim, classes);
    this.headDist = new Linear(dim, classes);
  }

  @Override
  public HeadLogits headLogits(ForwardContext ctx, Operand<TFloat32> images) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = patchEmbed.forward(ctx, images);
    x = tf.math.add(x, drop.forward(ctx, mlp.forward(ctx, norm.forward(ctx, x))));
    Operand<TFloat32> pooled = tf.math.mean(x, tf.constant(1));
    return new HeadLogits(head.forward(ctx, pooled), headDist.forward(ctx, pooled));
  }

  @Override
  public Operand<TFloat32> logits(ForwardContext ctx, Operand<TFloat32> images) {
    Ops tf = ctx.tf();
    HeadLogits heads = headLogits(ctx, images);
    return tf.math.mul(tf.math.add(heads.classHead(), heads.distillationHead()), tf.constant(0.5f));
  }
}
