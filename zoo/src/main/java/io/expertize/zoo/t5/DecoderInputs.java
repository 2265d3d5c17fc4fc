package io.expertize.zoo.t5;

import io.expertize.nn.Shapes;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;

/** Teacher forcing: the decoder reads the targets shifted right by one, starting from the pad id. */
public final class DecoderInputs {
  private DecoderInputs() {}

  /** {@code [start, y_0, .., y_{T-2}]} for targets {@code [B, T]} (T known when the graph is built). */
  public static Operand<TInt32> shiftRight(Ops tf, Operand<TInt32> targets) {
    long tokens = targets.shape().get(1);
    Operand<TInt32> kept = tf.slice(targets, Shapes.of(tf, 0, 0), Shapes.of(tf, -1, tokens - 1));
    return tf.pad(kept, tf.constant(new int[][] {{0, 0}, {1, 0}}), tf.constant(T5Model.PAD_ID));
  }
}
