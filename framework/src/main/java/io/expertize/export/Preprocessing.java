package io.expertize.export;

import io.expertize.data.Normalization;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The input pipeline's pixel transform as graph ops, so a client sends raw pixels in [0, 255]:
 * {@code (v / 255 - mean[c]) / std[c]}, in the same float order as the training data path (and
 * therefore bit-identical to it).
 */
final class Preprocessing {
  private Preprocessing() {}

  /** {@code pixels}: {@code [B, H, W, C]} in [0, 255]; returns what the model was trained on. */
  static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> pixels, Normalization normalization) {
    int channels = normalization.channels();
    float[] mean = new float[channels];
    float[] std = new float[channels];
    for (int c = 0; c < channels; c++) {
      mean[c] = normalization.mean(c);
      std[c] = normalization.std(c);
    }
    Ops p = tf.withSubScope("preprocess");
    Operand<TFloat32> unit = p.math.div(pixels, p.constant(255f));
    return p.withName("normalized").math.div(p.math.sub(unit, p.constant(mean)), p.constant(std));
  }
}
