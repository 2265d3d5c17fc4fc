package io.expertize.zoo.t5;

import io.expertize.nn.Shapes;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Additive attention-logit biases: a large negative number where attention is not allowed (mesh
 * TensorFlow's -1e9), so a softmax gives those keys no weight.
 */
final class AttentionMasks {
  static final float BLOCKED = -1e9f;

  private AttentionMasks() {}

  /** Keys whose {@code mask [B, T]} is 0 (padding) are blocked: {@code [B, 1, 1, T]}. */
  static Operand<TFloat32> padding(Ops tf, Operand<TFloat32> mask) {
    long tokens = mask.shape().get(1);
    Operand<TFloat32> blocked = tf.math.mul(tf.math.sub(tf.constant(1f), mask), tf.constant(BLOCKED));
    return tf.reshape(blocked, Shapes.of(tf, -1, 1, 1, tokens));
  }

  /** Keys after the query are blocked: {@code [1, 1, T, T]}. */
  static Operand<TFloat32> causal(Ops tf, int tokens) {
    float[] bias = new float[tokens * tokens];
    for (int q = 0; q < tokens; q++) {
      for (int k = q + 1; k < tokens; k++) {
        bias[q * tokens + k] = BLOCKED;
      }
    }
    return tf.constant(Shape.of(1, 1, tokens, tokens), DataBuffers.of(bias, true, false));
  }
}
