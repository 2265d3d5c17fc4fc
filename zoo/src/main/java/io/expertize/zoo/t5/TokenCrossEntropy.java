package io.expertize.zoo.t5;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Mean next-token cross-entropy over the target tokens that are not padding (mesh TF's loss weights). */
public final class TokenCrossEntropy {
  private TokenCrossEntropy() {}

  /** logits {@code [B, T, V]}, targets {@code [B, T]}; padding positions ({@link T5Model#PAD_ID}) count zero. */
  public static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> logits, Operand<TInt32> targets) {
    int vocab = Math.toIntExact(logits.shape().get(2));
    Operand<TInt32> flat = tf.reshape(targets, tf.constant(new int[] {-1}));
    // dense one-hot labels: TF's C++ gradient registry has no SparseSoftmaxCrossEntropyWithLogits
    Operand<TFloat32> labels = tf.oneHot(flat, tf.constant(vocab), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> perToken = tf.nn.softmaxCrossEntropyWithLogits(
        tf.reshape(logits, tf.constant(new int[] {-1, vocab})), labels).loss();
    Operand<TFloat32> weights = tf.dtypes.cast(tf.math.notEqual(flat, tf.constant(T5Model.PAD_ID)), TFloat32.class);
    Operand<TFloat32> tokens = tf.math.maximum(tf.reduceSum(weights, tf.constant(0)), tf.constant(1f));
    return tf.math.div(tf.reduceSum(tf.math.mul(perToken, weights), tf.constant(0)), tokens);
  }
}
