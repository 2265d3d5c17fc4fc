package io.expertize.data.folder;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.image.DecodeImage;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TNumber;

/**
 * One encoded image (PNG, JPEG, GIF or BMP) to {@code [1, size, size, channels]} float pixels in
 * [0, 255]: TensorFlow's DecodeImage, then a bilinear resize with half-pixel centres (an identity when
 * the size already matches). Image folders are read and the export's {@code serving_image_bytes}
 * signature decodes with these same ops, so training and serving see the same pixels.
 *
 * <p>Grey output takes any file: DecodeImage converts only PNG and JPEG to one channel, so the image is
 * decoded as stored and a colour one reduced to its ITU-R 601 luma ({@code 0.2989 R + 0.587 G + 0.114 B},
 * rounded, as {@code tf.image.rgb_to_grayscale} weighs it); a grey one passes unchanged.
 */
public final class DecodeResize {
  private static final float[] LUMA = {0.2989f, 0.587f, 0.114f};

  private DecodeResize() {}

  /** {@code encoded}: a string scalar. A GIF's first frame is taken. */
  public static Operand<TFloat32> apply(Ops tf, Operand<TString> encoded, int size, int channels) {
    Operand<? extends TNumber> image = channels == 1 ? grey(tf, encoded) : tf.image.decodeImage(encoded,
        new DecodeImage.Options[] {DecodeImage.channels((long) channels), DecodeImage.expandAnimations(false)});
    return tf.image.resizeBilinear(tf.expandDims(image, tf.constant(0)), tf.constant(new int[] {size, size}),
        ResizeBilinear.halfPixelCenters(true));
  }

  private static Operand<TFloat32> grey(Ops tf, Operand<TString> encoded) {
    Operand<TUint8> stored = tf.image.decodeImage(encoded, new DecodeImage.Options[] {DecodeImage.expandAnimations(false)});
    Operand<TInt32> storedChannels = tf.gather(tf.shape(stored), tf.constant(2), tf.constant(0));
    Operand<TInt32> colour = tf.dtypes.cast(tf.math.greaterEqual(storedChannels, tf.constant(3)), TInt32.class);
    // channels R, G, B of a colour image; the grey channel three times otherwise (alpha is dropped either way)
    Operand<TFloat32> rgb = tf.dtypes.cast(tf.gather(stored, tf.math.mul(tf.constant(new int[] {0, 1, 2}), colour),
        tf.constant(2)), TFloat32.class);
    return tf.math.round(tf.reduceSum(tf.math.mul(rgb, tf.constant(LUMA)), tf.constant(2),
        ReduceSum.keepDims(true)));
  }
}
