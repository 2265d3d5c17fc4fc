package io.expertize.testing;

import io.expertize.annotations.Expertize;
import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.graph.ForwardContext;
import io.expertize.nn.Activation;
import io.expertize.nn.Dropout;
import io.expertize.nn.FeedForward;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.FeedForwardOptions;
import io.expertize.nn.GatedFeedForward;
import io.expertize.nn.ConfiguredImageClassifier;
import io.expertize.nn.ImageClassifierSpec;
import io.expertize.nn.LayerNorm;
import io.expertize.nn.Linear;
import io.expertize.nn.PatchEmbed;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The smallest model with repeated expertizable FFNs: patch embedding, {@code depth} residual
 * pre-norm FFN blocks (plain or gated), mean pooling, a head. Annotated like a user's model: the
 * scheme on the class, {@code @Expertize} on the list of FFNs; tests override both by configuration.
 */
@FusionScheme(Scheme.MEMORY_BANK)
public final class ExpertMlp extends ConfiguredImageClassifier<ImageClassifierSpec> {
  private final PatchEmbed patchEmbed;
  private final List<LayerNorm> norms = new ArrayList<>();
  @Expertize(experts = 4)
  private final List<FeedForwardNetwork> ffns = new ArrayList<>();
  private final Dropout drop;
  private final Linear head;

  public ExpertMlp(int imageSize, int patch, int dim, int depth, boolean gated, double dropout, int classes) {
    this(imageSize, patch, dim, 2, depth, gated, dropout, classes);
  }

  public ExpertMlp(int imageSize, int patch, int dim, int mlpRatio, int depth, boolean gated, double dropout, int classes) {
    super(ImageClassifierSpec.of(imageSize, 1, classes));
    this.patchEmbed = new PatchEmbed(imageSize, patch, 1, dim);
    for (int i = 0; i < depth; i++) {
      norms.add(new LayerNorm(dim, 1e-6));
      ffns.add(gated
          ? new GatedFeedForward(dim, (long) mlpRatio * dim, Activation.GELU, dropout)
          : new FeedForward(
              FeedForwardOptions.builder().dim(dim).hidden((long) mlpRatio * dim).dropout(dropout).build()));
    }
    this.drop = new Dropout(dropout);
    this.head = new Linear(dim, classes);
  }

  /** 14x14 images, 7x7 patches (4 tokens), width 8, 3 blocks, plain FFNs, no dropout, 3 classes. */
  public static ExpertMlp small() {
    return new ExpertMlp(14, 7, 8, 3, false, 0.0, 3);
  }

  @Override
  public Operand<TFloat32> logits(ForwardContext ctx, Operand<TFloat32> images) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = patchEmbed.forward(ctx, images);
    for (int i = 0; i < ffns.size(); i++) {
      x = tf.math.add(x, ffns.get(i).forward(ctx, norms.get(i).forward(ctx, x)));
    }
    return head.forward(ctx, drop.forward(ctx, tf.math.mean(x, tf.constant(1))));
  }
}
