package io.expertize.zoo.deit;

import io.expertize.graph.ForwardContext;
import io.expertize.nn.ClassToken;
import io.expertize.nn.DistilledClassifier;
import io.expertize.nn.Linear;
import io.expertize.zoo.vit.Pooling;
import io.expertize.zoo.vit.VisionTransformer;
import io.expertize.zoo.vit.VitConfig;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * DeiT with a distillation token (timm's {@code VisionTransformerDistilled}): a second learned token
 * {@code dist_token} after the class token (so {@code pos_embed} has patches + 2 positions) and its
 * own head {@code head_dist}. {@link #logits} averages the two heads, as DeiT at inference and when
 * trained without a teacher; {@link #headLogits} gives both for hard-label distillation.
 */
public class DistilledVisionTransformer extends VisionTransformer implements DistilledClassifier {
  private final ClassToken distToken;
  private final Linear headDist;

  public DistilledVisionTransformer(VitConfig c) {
    super(requireTokenPooling(c), 2);
    this.distToken = new ClassToken(c.dim());
    this.headDist = new Linear(c.dim(), c.numClasses());
  }

  private static VitConfig requireTokenPooling(VitConfig c) {
    if (c.pooling() != Pooling.TOKEN) {
      throw new IllegalArgumentException(
          "invalid DeiT configuration: the distilled model reads its class and distillation tokens, so pooling must be TOKEN, got " + c.pooling());
    }
    return c;
  }

  @Override
  protected Operand<TFloat32> prependTokens(ForwardContext ctx, Operand<TFloat32> patches) {
    return super.prependTokens(ctx, distToken.prepend(ctx, patches)); // [cls, dist, patches]
  }

  @Override
  public HeadLogits headLogits(ForwardContext ctx, Operand<TFloat32> images) {
    Operand<TFloat32> x = features(ctx, images);
    return new HeadLogits(head().forward(ctx, token(ctx, x, 0)), headDist.forward(ctx, token(ctx, x, 1)));
  }

  @Override
  public Operand<TFloat32> logits(ForwardContext ctx, Operand<TFloat32> images) {
    Ops tf = ctx.tf();
    HeadLogits heads = headLogits(ctx, images);
    return tf.math.mul(tf.math.add(heads.classHead(), heads.distillationHead()), tf.constant(0.5f));
  }
}
