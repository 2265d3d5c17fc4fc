package io.expertize.export;

import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;

/**
 * Fixed inputs on which an export must answer like the trained model: first run on the trained model
 * (the restored fusion graph), then on the SavedModel loaded back through TensorFlow's loader.
 */
interface Probe {
  /** Computes the trained model's answers. */
  void expect(Session trained);

  /**
   * Runs the loaded export on the same inputs.
   *
   * @throws IllegalStateException when an answer that must be identical differs
   */
  ProbeCheck compare(SavedModelBundle loaded);
}
