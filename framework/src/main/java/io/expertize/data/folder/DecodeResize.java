package io.expertize.data.folder;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.DecodeImage;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * One encoded image (PNG, JPEG, GIF or BMP) to {@code [1, size, size, channels]} float pixels in
 * [0, 255]: TensorFlow's DecodeImage, then a bilinear resize with half-pixel centres (an identity when
 * the size already matches). Image folders are read and the export's {@code serving_image_bytes}
 * signature decodes with these same ops, so training and serving see the same pixels.
 */
public final class DecodeResize {
  private DecodeResize() {}

  /** {@code encoded}: a string scalar. A GIF's first frame is taken. */
  public static Operand<TFloat32> apply(Ops tf, Operand<TString> encoded, int size, int channels) {
    Operand<TUint8> image = tf.image.decodeImage(encoded,
        new DecodeImage.Options[] {DecodeImage.channels((long) channels), DecodeImage.expandAnimations(false)});
    return tf.image.resizeBilinear(tf.expandDims(image, tf.constant(0)), tf.constant(new int[] {size, size}),
        ResizeBilinear.halfPixelCenters(true));
  }
}
