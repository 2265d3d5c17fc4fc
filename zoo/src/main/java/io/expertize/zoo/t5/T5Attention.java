package io.expertize.zoo.t5;

import io.expertize.nn.Linear;
import io.expertize.nn.MultiHeadAttention;
import io.expertize.nn.RelativePositionBias;

/**
 * T5's attention ({@code q, k, v, o}, no biases, unscaled logits). The first self-attention of each
 * stack also holds the stack's {@code relative_attention_bias}, so the table's path is HF's
 * ({@code encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight}); the stack computes
 * the bias once and every block adds it.
 */
public class T5Attention extends MultiHeadAttention {
  private final RelativePositionBias relativeAttentionBias;

  /** @param relativeAttentionBias the stack's table when this is its first self-attention, else null */
  T5Attention(T5Config c, RelativePositionBias relativeAttentionBias) {
    super(c.heads(),
        new Linear(c.dModel(), c.innerDim(), false, T5Init.query(c)),
        new Linear(c.dModel(), c.innerDim(), false, T5Init.fanIn(c.dModel())),
        new Linear(c.dModel(), c.innerDim(), false, T5Init.fanIn(c.dModel())),
        new Linear(c.innerDim(), c.dModel(), false, T5Init.fanIn(c.innerDim())),
        1.0, c.dropout());
    this.relativeAttentionBias = relativeAttentionBias;
  }
}
