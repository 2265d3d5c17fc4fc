package io.expertize.testing;

import io.expertize.graph.ForwardContext;
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
 * A small but complete classifier for trainer tests: patch embedding, a residual FFN with dropout
 * (so stateless randomness is exercised), mean pooling and a head. Trains to well above chance on
 * Fashion-MNIST in a few dozen steps.
 */
public final class TinyClassifier extends ConfiguredImageClassifier<ImageClassifierSpec> {
  private final PatchEmbed patchEmbed;
  private final LayerNorm norm;
  private final FeedForward mlp;
  private final Dropout drop;
  private final Linear head;

  public TinyClassifier(int imageSize, int channels, int classes, int patch, int dim) {
    super(ImageClassifierSpec.of(imageSize, channels, classes));
    this.patchEmbed = new PatchEmbed(imageSize, patch, channels, dim);
    this.norm = new LayerNorm(dim, 1e-6);
    this.mlp = new FeedForward(dim, 2L * dim);
    this.drop = new Dropout(0.1);
    this.head = new Linear(dim, classes);
  }

  @Override
  public Operand<TFloat32> logits(ForwardContext ctx, Operand<TFloat32> images) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = patchEmbed.forward(ctx, images);
    x = tf.math.add(x, drop.forward(ctx, mlp.forward(ctx, norm.forward(ctx, x))));
    return head.forward(ctx, tf.math.mean(x, tf.constant(1)));
  }
}
