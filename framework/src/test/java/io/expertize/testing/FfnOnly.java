package io.expertize.testing;

import io.expertize.annotations.Expertize;
import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.graph.ForwardContext;
import io.expertize.nn.FeedForward;
import io.expertize.nn.ConfiguredImageClassifier;
import io.expertize.nn.ImageClassifierSpec;
import io.expertize.nn.Shapes;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A "classifier" whose only parameters are one expertizable FFN: the 8x8 image is read as 8 tokens
 * of width 8, the logits are the mean over tokens of {@code ffn(x)}. Lets tests compare an expert set
 * with its dense FFN under one optimizer with no other parameter in the way (docs/methods.md 5.1, 5.7).
 */
@FusionScheme(Scheme.STATIC)
public final class FfnOnly extends ConfiguredImageClassifier<ImageClassifierSpec> {
  public static final int WIDTH = 8;

  @Expertize
  private final FeedForward ffn = new FeedForward(WIDTH, 2 * WIDTH);

  public FfnOnly() {
    super(ImageClassifierSpec.of(WIDTH, 1, WIDTH));
  }

  @Override
  public Operand<TFloat32> logits(ForwardContext ctx, Operand<TFloat32> images) {
    Ops tf = ctx.tf();
    Operand<TFloat32> tokens = tf.reshape(images, Shapes.of(tf, -1, WIDTH, WIDTH));
    return tf.math.mean(ffn.forward(ctx, tokens), tf.constant(1));
  }
}
