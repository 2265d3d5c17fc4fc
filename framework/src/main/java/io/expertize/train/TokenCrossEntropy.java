package io.expertize.train;

import io.expertize.nn.Seq2SeqModel;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Next-token cross-entropy over the target tokens that are not padding (mesh TF's loss weights).
 * Logits are {@code [B, T, V]}, targets {@code [B, T]}; padding ({@link Seq2SeqModel#PAD_ID}) counts zero.
 * The training loss may be label-smoothed: each token's target is {@code (1 - eps) * onehot + eps / V}
 * over the whole vocabulary (timm's and this framework's image targets, {@code LabelSmoothing}); the
 * evaluation sums are always the plain cross-entropy.
 */
public final class TokenCrossEntropy {
  /** Over a batch: summed cross-entropy, tokens whose argmax is the target, and target tokens. */
  public record Sums(Operand<TFloat32> loss, Operand<TFloat32> correct, Operand<TFloat32> tokens) {}

  private record PerToken(Operand<TFloat32> logits, Operand<TInt32> targets, Operand<TFloat32> loss,
      Operand<TFloat32> weights) {}

  private TokenCrossEntropy() {}

  /** The mean over target tokens: the training loss, without label smoothing. */
  public static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> logits, Operand<TInt32> targets) {
    return mean(tf, logits, targets, 0);
  }

  /**
   * The mean over target tokens of the cross-entropy against label-smoothed targets.
   *
   * @param labelSmoothing eps in [0, 1); 0 is the plain cross-entropy
   */
  public static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> logits, Operand<TInt32> targets, double labelSmoothing) {
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
    }
    PerToken t = perToken(tf, logits, targets, labelSmoothing);
    Operand<TFloat32> tokens = tf.math.maximum(tf.reduceSum(t.weights(), tf.constant(0)), tf.constant(1f));
    return tf.math.div(tf.reduceSum(tf.math.mul(t.loss(), t.weights()), tf.constant(0)), tokens);
  }

  /** Sums to add up over an evaluation split. */
  public static Sums sums(Ops tf, Operand<TFloat32> logits, Operand<TInt32> targets) {
    PerToken t = perToken(tf, logits, targets, 0);
    Operand<TFloat32> hits = tf.dtypes.cast(
        tf.math.equal(tf.math.argMax(t.logits(), tf.constant(1), TInt32.class), t.targets()), TFloat32.class);
    return new Sums(tf.reduceSum(tf.math.mul(t.loss(), t.weights()), tf.constant(0)),
        tf.reduceSum(tf.math.mul(hits, t.weights()), tf.constant(0)), tf.reduceSum(t.weights(), tf.constant(0)));
  }

  private static PerToken perToken(Ops tf, Operand<TFloat32> logits, Operand<TInt32> targets, double labelSmoothing) {
    int vocab = Math.toIntExact(logits.shape().get(2));
    Operand<TInt32> flat = tf.reshape(targets, tf.constant(new int[] {-1}));
    Operand<TFloat32> flatLogits = tf.reshape(logits, tf.constant(new int[] {-1, vocab}));
    // dense one-hot labels: TF's C++ gradient registry has no SparseSoftmaxCrossEntropyWithLogits;
    // smoothed, the target keeps 1 - eps + eps/V and every other id gets eps/V (exactly 1 and 0 at eps 0)
    float off = (float) (labelSmoothing / vocab);
    float on = (float) (1 - labelSmoothing + labelSmoothing / vocab);
    Operand<TFloat32> labels = tf.oneHot(flat, tf.constant(vocab), tf.constant(on), tf.constant(off));
    Operand<TFloat32> loss = tf.nn.softmaxCrossEntropyWithLogits(flatLogits, labels).loss();
    Operand<TFloat32> weights = tf.dtypes.cast(tf.math.notEqual(flat, tf.constant(Seq2SeqModel.PAD_ID)), TFloat32.class);
    return new PerToken(flatLogits, flat, loss, weights);
  }
}
