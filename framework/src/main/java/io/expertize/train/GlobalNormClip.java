package io.expertize.train;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Global-norm gradient clipping (torch's clip_grad_norm_): when the norm of all gradients together
 * exceeds {@code maxNorm}, every gradient is scaled by {@code maxNorm / (norm + 1e-6)}.
 */
public record GlobalNormClip(List<Operand<TFloat32>> gradients, Operand<TFloat32> norm) {

  /** An empty {@code maxNorm} leaves the gradients as they are but still reports their norm. */
  public static GlobalNormClip apply(Ops tf, List<Operand<TFloat32>> grads, OptionalDouble maxNorm) {
    return apply(tf, grads, maxNorm, java.util.Collections.nCopies(grads.size(), tf));
  }

  /**
   * As {@link #apply(Ops, List, OptionalDouble)}, each gradient's own ops (square sum, scaling) built in
   * {@code perGradient}'s scope (on its variable's parameter server, so only scalars travel).
   */
  public static GlobalNormClip apply(
      Ops tf, List<Operand<TFloat32>> grads, OptionalDouble maxNorm, List<Ops> perGradient) {
    List<Operand<TFloat32>> squares = new ArrayList<>();
    for (int i = 0; i < grads.size(); i++) {
      Operand<TFloat32> g = grads.get(i);
      Ops at = perGradient.get(i);
      squares.add(at.reduceSum(at.math.square(g), allAxes(at, g)));
    }
    Operand<TFloat32> norm = tf.withName("grad_norm").math.sqrt(tf.math.addN(squares));
    if (maxNorm.isEmpty()) {
      return new GlobalNormClip(grads, norm);
    }
    Operand<TFloat32> scale =
        tf.math.minimum(tf.constant(1f),
            tf.math.div(tf.constant((float) maxNorm.getAsDouble()), tf.math.add(norm, tf.constant(1e-6f))));
    List<Operand<TFloat32>> clipped = new ArrayList<>();
    for (int i = 0; i < grads.size(); i++) {
      clipped.add(perGradient.get(i).math.mul(grads.get(i), scale));
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
