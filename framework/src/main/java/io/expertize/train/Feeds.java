package io.expertize.train;

import io.expertize.data.Batch;
import io.expertize.data.ImageShape;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Tensors fed from a batch (copied into native memory; the caller closes them). */
final class Feeds {
  private Feeds() {}

  static TFloat32 images(Batch b) {
    ImageShape s = b.shape();
    float[] data = b.images();
    Shape shape = Shape.of(b.size(), s.height(), s.width(), s.channels());
    return TFloat32.tensorOf(shape, DataBuffers.of(data, true, false));
  }

  static TFloat32 targets(Batch b) {
    Shape shape = Shape.of(b.size(), b.numClasses());
    return TFloat32.tensorOf(shape, DataBuffers.of(b.targets(), true, false));
  }
}
