package io.expertize.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/** Shape helpers. Static shapes are preferred: each dynamic shape computation costs ops per step. */
final class Shapes {
  private Shapes() {}

  /** The shape of {@code x} with its last dimension replaced by {@code last}. */
  static Operand<TInt64> withLastDim(Ops tf, Operand<? extends TType> x, long last) {
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
      return tf.constant(dims);
    }
    Operand<TInt64> dynamic = tf.shape(x, TInt64.class);
    Operand<TInt64> leading =
        tf.slice(dynamic, tf.constant(new long[] {0}), tf.constant(new long[] {dims.length - 1}));
    return tf.concat(List.of(leading, tf.constant(new long[] {last})), tf.constant(0));
  }

  /** Dimension {@code axis} of {@code x}, static if known, else read at run time. */
  static Operand<TInt64> dim(Ops tf, Operand<TFloat32> x, int axis) {
    long d = x.shape().get(axis);
    if (d >= 0) {
      return tf.constant(new long[] {d});
    }
    return tf.slice(tf.shape(x, TInt64.class), tf.constant(new long[] {axis}), tf.constant(new long[] {1}));
  }

  static long lastDim(Operand<?> x) {
    return x.shape().get(x.shape().numDimensions() - 1);
  }
}
