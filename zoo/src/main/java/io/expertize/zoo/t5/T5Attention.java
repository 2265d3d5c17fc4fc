package io.expertize.zoo.t5;

import io.expertize.nn.Linear;
import io.expertize.nn.MultiHeadAttention;
import io.expertize.nn.MultiHeadAttentionOptions;
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
    super(MultiHeadAttentionOptions.builder().heads(c.heads())
        .q(new Linear(c.dModel(), c.innerDim(), false, T5Init.query(c)))
        .k(new Linear(c.dModel(), c.innerDim(), false, T5Init.fanIn(c.dModel())))
        .v(new Linear(c.dModel(), c.innerDim(), false, T5Init.fanIn(c.dModel())))
        .o(new Linear(c.innerDim(), c.dModel(), false, T5Init.fanIn(c.innerDim())))
        .scale(1.0).attnDrop(c.dropout()).build());
    this.relativeAttentionBias = relativeAttentionBias;
  }
}
