package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/**
 * {@code softmax(q k^T * scale + bias) v} on {@code [batch, heads, tokens, headDim]} tensors. The
 * additive bias carries whatever a variant needs (Swin's relative position bias and shift mask, T5's
 * relative buckets, a causal mask); attention variants differ in how they make q, k, v and the bias,
 * and all meet here.
 */
public final class ScaledDotProductAttention {
  private ScaledDotProductAttention() {}

  /**
   * @param bias additive logits bias broadcastable to {@code [B, H, Tq, Tk]}, or null
   * @param scale multiplier of {@code q k^T} (1/sqrt(headDim) for ViT, 1 for T5)
   */
  public static Operand<TFloat32> apply(
      ForwardContext ctx, Operand<TFloat32> q, Operand<TFloat32> k, Operand<TFloat32> v,
      Operand<TFloat32> bias, double scale, Dropout attnDrop) {
    Ops tf = ctx.tf();
    Operand<TFloat32> logits = tf.train.batchMatMul(q, k, TFloat32.class, BatchMatMul.adjY(true));
    if (scale != 1.0) {
      logits = tf.math.mul(logits, tf.constant((float) scale));
    }
    if (bias != null) {
      logits = tf.math.add(logits, bias);
    }
    Operand<TFloat32> weights = attnDrop.forward(ctx, tf.nn.softmax(logits));
    return tf.train.batchMatMul(weights, v, TFloat32.class);
  }
}
