package io.expertize.graph;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Builds the initial value of a variable. Values are built from static shapes and an explicit seed
 * (never from another variable: initializers run in no guaranteed order), so a parameter's initial
 * value depends only on the run seed and its path, not on the order in which the graph was built.
 */
@FunctionalInterface
public interface Initializer {

  /**
   * @param tf ops in the init scope
   * @param shape static shape of the variable
   * @param seed two int64 seeds derived from the run seed and the parameter path
   */
  Operand<TFloat32> initialValue(Ops tf, Shape shape, long[] seed);

  // Fill, not tf.zeros / tf.ones: those open a sub-scope, which in TF Java walks the whole graph.
  static Initializer zeros() {
    return constant(0f);
  }

  static Initializer ones() {
    return constant(1f);
  }

  static Initializer constant(float value) {
    return (tf, shape, seed) -> tf.fill(tf.constant(shape.asArray()), tf.constant(value));
  }

  /** Normal(0, std) truncated at two standard deviations, as timm's trunc_normal_(std=...). */
  static Initializer truncatedNormal(double std) {
    return (tf, shape, seed) ->
        tf.math.mul(
            tf.random.statelessTruncatedNormal(tf.constant(shape.asArray()), tf.constant(seed)),
            tf.constant((float) std));
  }
}
