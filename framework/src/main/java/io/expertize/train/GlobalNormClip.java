package io.expertize.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Global-norm gradient clipping (torch's clip_grad_norm_): when the norm of all gradients together
 * exceeds {@code maxNorm}, every gradient is scaled by {@code maxNorm / (norm + 1e-6)}.
 */
public record GlobalNormClip(List<Operand<TFloat32>> gradients, Operand<TFloat32> norm) {

  /** maxNorm <= 0 disables clipping but still reports the norm. */
  public static GlobalNormClip apply(Ops tf, List<Operand<TFloat32>> grads, double maxNorm) {
    List<Operand<TFloat32>> squares = new ArrayList<>();
    for (Operand<TFloat32> g : grads) {
      squares.add(tf.reduceSum(tf.math.square(g), allAxes(tf, g)));
    }
    Operand<TFloat32> norm = tf.withName("grad_norm").math.sqrt(tf.math.addN(squares));
    if (maxNorm <= 0) {
      return new GlobalNormClip(grads, norm);
    }
    Operand<TFloat32> scale =
        tf.math.minimum(tf.constant(1f),
            tf.math.div(tf.constant((float) maxNorm), tf.math.add(norm, tf.constant(1e-6f))));
    List<Operand<TFloat32>> clipped = new ArrayList<>();
    for (Operand<TFloat32> g : grads) {
      clipped.add(tf.math.mul(g, scale));
    }
    return new GlobalNormClip(clipped, norm);
  }

  private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<TFloat32> g) {
    int rank = g.shape().numDimensions();
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return tf.constant(axes);
  }
}
