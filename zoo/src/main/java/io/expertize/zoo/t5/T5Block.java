package io.expertize.zoo.t5;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.nn.RelativePositionBias;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Self-attention, cross-attention in the decoder, feed-forward: {@code layer.0 .. layer.2} as in HF. */
class T5Block extends Module {
  private final List<T5Layer> layer = new ArrayList<>();

  /** @param relativeAttentionBias the stack's table in its first block, else null */
  T5Block(T5Config c, boolean decoder, RelativePositionBias relativeAttentionBias) {
    layer.add(new SelfAttentionLayer(c, relativeAttentionBias));
    if (decoder) {
      layer.add(new CrossAttentionLayer(c));
    }
    layer.add(new FeedForwardLayer(c));
  }

  Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> hidden, LayerInputs in) {
    for (T5Layer l : layer) {
      hidden = l.forward(ctx, hidden, in);
    }
    return hidden;
  }

  /** A decoder block's cache before the first step: {@code emptySelf}, and its cross-attention over the encoder's output. */
  BlockCache startDecoding(ForwardContext ctx, Operand<TFloat32> encoderStates, KeyValues emptySelf) {
    for (T5Layer l : layer) {
      if (l instanceof CrossAttentionLayer cross) {
        return new BlockCache(emptySelf, cross.keyValues(ctx, encoderStates));
      }
    }
    throw new IllegalStateException("an encoder block has no cross-attention to decode with");
  }

  Operand<TFloat32> step(ForwardContext ctx, Operand<TFloat32> hidden, StepInputs in, BlockCache cache) {
    for (T5Layer l : layer) {
      hidden = l.step(ctx, hidden, in, cache);
    }
    return hidden;
  }
}
