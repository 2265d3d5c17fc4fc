package io.expertize.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * Shape helpers. Shapes and indices are int32: several of TF's C++ gradient functions build int32
 * shapes and fail on int64 ones (StridedSliceGrad, BroadcastGradientArgs). Static shapes are
 * preferred: each dynamic shape computation costs ops per step.
 */
public final class Shapes {
  private Shapes() {}

  /** An int32 shape or index constant. */
  public static Operand<TInt32> of(Ops tf, long... dims) {
    int[] ints = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      ints[i] = Math.toIntExact(dims[i]);
    }
    return tf.constant(ints);
  }

  /** The shape of {@code x} with its last dimension replaced by {@code last}. */
  static Operand<TInt32> withLastDim(Ops tf, Operand<? extends TType> x, long last) {
    Shape s = x.shape();
    if (s.isUnknown()) {
      throw new IllegalArgumentException("input rank must be known when the graph is built");
    }
    long[] dims = s.asArray();
    boolean staticExceptBatch = true;
    for (int i = 1; i < dims.length - 1; i++) {
      staticExceptBatch &= dims[i] >= 0;
    }
    if (staticExceptBatch) {
      dims[0] = -1;
      dims[dims.length - 1] = last;
      return of(tf, dims);
    }
    Operand<TInt32> leading = tf.slice(tf.shape(x), of(tf, 0), of(tf, dims.length - 1));
    return tf.concat(List.of(leading, of(tf, last)), tf.constant(0));
  }

  /** Dimension {@code axis} of {@code x} as an int32 vector of one, static if known. */
  static Operand<TInt32> dim(Ops tf, Operand<TFloat32> x, int axis) {
    long d = x.shape().get(axis);
    if (d >= 0) {
      return of(tf, d);
    }
    return tf.slice(tf.shape(x), of(tf, axis), of(tf, 1));
  }

  static long lastDim(Operand<?> x) {
    return x.shape().get(x.shape().numDimensions() - 1);
  }
}
