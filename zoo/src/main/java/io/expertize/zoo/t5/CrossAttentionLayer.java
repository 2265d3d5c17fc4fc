package io.expertize.zoo.t5;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.PathName;
import io.expertize.nn.Dropout;
import io.expertize.nn.RmsNorm;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** HF's {@code T5LayerCrossAttention}: decoder queries over the encoder's output, no position bias. */
class CrossAttentionLayer extends T5Layer {
  @PathName("EncDecAttention")
  private final T5Attention attention;
  private final RmsNorm layerNorm;
  private final Dropout dropout;

  CrossAttentionLayer(T5Config c) {
    this.attention = new T5Attention(c, null);
    this.layerNorm = new RmsNorm(c.dModel(), c.layerNormEps());
    this.dropout = new Dropout(c.dropout());
  }

  @Override
  Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> hidden, LayerInputs in) {
    Operand<TFloat32> normed = layerNorm.forward(ctx, hidden);
    return ctx.tf().math.add(hidden,
        dropout.forward(ctx, attention.forward(ctx, normed, in.encoderStates(), in.crossBias())));
  }

  /** The keys and values of the encoder's output, which every decoding step reads. */
  KeyValues keyValues(ForwardContext ctx, Operand<TFloat32> encoderStates) {
    return new KeyValues(attention.keys(ctx, encoderStates), attention.values(ctx, encoderStates));
  }

  @Override
  Operand<TFloat32> step(ForwardContext ctx, Operand<TFloat32> hidden, StepInputs in, BlockCache cache) {
    Operand<TFloat32> normed = layerNorm.forward(ctx, hidden);
    return ctx.tf().math.add(hidden,
        dropout.forward(ctx, attention.attend(ctx, normed, cache.cross().keys(), cache.cross().values(), in.crossBias())));
  }
}
