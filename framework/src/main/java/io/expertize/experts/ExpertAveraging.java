package io.expertize.experts;

import io.expertize.annotations.Scheme;
import io.expertize.annotations.ShareSchedule;
import io.expertize.graph.ModelVariable;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Experts Weights Averaging, applied after the optimizer step to every stacked expert variable:
 * {@code W_i <- (1-β)·W_i + β/(N-1)·Σ_{j≠i} W_j}, computed as {@code (1-a)·W_i + a·mean(W)} with
 * {@code a = β·N/(N-1)} (the same map; at β = (N-1)/N it writes the mean itself, exactly).
 */
final class ExpertAveraging {
  private ExpertAveraging() {}

  /** Whether {@code settings} average experts at all: EWA, or top-k with Early EWA. */
  static boolean applies(FusionSettings settings) {
    return settings.scheme() == Scheme.EWA
        || (settings.scheme() == Scheme.TOP_K && settings.earlyEwaFraction() > 0);
  }

  /**
   * β of the current step. {@code progress} is the fraction of training done after this step,
   * {@code (step + 1) / total}: the linear schedule reaches the share rate at the last step; Early EWA
   * averages with a constant β while progress is within its fraction.
   */
  static Operand<TFloat32> shareRate(Ops tf, FusionSettings s, Operand<TFloat32> progress) {
    Operand<TFloat32> rate = tf.constant((float) s.shareRate());
    if (s.scheme() == Scheme.TOP_K) {
      Operand<TFloat32> early = tf.dtypes.cast(
          tf.math.lessEqual(progress, tf.constant((float) s.earlyEwaFraction())), TFloat32.class);
      return tf.math.mul(rate, early);
    }
    return s.shareSchedule() == ShareSchedule.LINEAR ? tf.math.mul(rate, progress) : rate;
  }

  /** The averaging assignment of one stacked variable; {@code tf} must already wait for its update. */
  static Op average(Ops tf, ModelVariable stacked, Operand<TFloat32> beta) {
    long n = stacked.variable().shape().size(0);
    Operand<TFloat32> a = tf.math.mul(beta, tf.constant((float) n / (n - 1)));
    Operand<TFloat32> w = tf.identity(stacked.variable()); // read after the optimizer's update
    Operand<TFloat32> mean = tf.math.mean(w, tf.constant(0), Mean.keepDims(true));
    Operand<TFloat32> averaged =
        tf.math.add(tf.math.mul(tf.math.sub(tf.constant(1f), a), w), tf.math.mul(a, mean));
    return tf.assign(stacked.variable(), averaged);
  }
}
