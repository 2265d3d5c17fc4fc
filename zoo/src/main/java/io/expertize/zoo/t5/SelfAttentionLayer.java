package io.expertize.zoo.t5;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.PathName;
import io.expertize.nn.Dropout;
import io.expertize.nn.RelativePositionBias;
import io.expertize.nn.RmsNorm;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** HF's {@code T5LayerSelfAttention}. */
class SelfAttentionLayer extends T5Layer {
  @PathName("SelfAttention")
  private final T5Attention attention;
  private final RmsNorm layerNorm;
  private final Dropout dropout;

  SelfAttentionLayer(T5Config c, RelativePositionBias relativeAttentionBias) {
    this.attention = new T5Attention(c, relativeAttentionBias);
    this.layerNorm = new RmsNorm(c.dModel(), c.layerNormEps());
    this.dropout = new Dropout(c.dropout());
  }

  @Override
  Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> hidden, LayerInputs in) {
    Operand<TFloat32> normed = layerNorm.forward(ctx, hidden);
    return ctx.tf().math.add(hidden, dropout.forward(ctx, attention.forward(ctx, normed, normed, in.selfBias())));
  }

  /** Writes the token's keys and values into the cache at the step's position, then attends over the cache. */
  @Override
  Operand<TFloat32> step(ForwardContext ctx, Operand<TFloat32> hidden, StepInputs in, BlockCache cache) {
    Operand<TFloat32> normed = layerNorm.forward(ctx, hidden);
    KeyValues token = new KeyValues(attention.keys(ctx, normed), attention.values(ctx, normed));
    KeyValues written = cache.self().write(ctx.tf(), token, in.written());
    cache.updateSelf(written);
    return ctx.tf().math.add(hidden,
        dropout.forward(ctx, attention.attend(ctx, normed, written.keys(), written.values(), in.selfBias())));
  }
}
