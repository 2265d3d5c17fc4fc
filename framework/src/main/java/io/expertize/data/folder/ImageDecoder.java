package io.expertize.data.folder;

import io.expertize.data.DataException;
import io.expertize.data.ImageShape;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.DecodeImage;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * Decodes and resizes image files with {@link DecodeResize} in a small session of its own. Safe to
 * call from several threads at once (a TensorFlow session is).
 */
public final class ImageDecoder implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TString> encoded;
  private final Operand<TFloat32> pixels;
  private final Operand<TInt32> nativeShape;
  private final ImageShape shape;

  public ImageDecoder(ImageShape shape) {
    this.shape = shape;
    Ops tf = Ops.create(graph);
    encoded = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    pixels = DecodeResize.apply(tf, encoded, shape.height(), shape.channels());
    nativeShape = tf.shape(tf.image.decodeImage(encoded, new DecodeImage.Options[] {DecodeImage.expandAnimations(false)}));
    session = new Session(graph);
  }

  /** A decoder that only reads images' own shapes ({@link #nativeShape}). */
  public static ImageDecoder forShapes() {
    return new ImageDecoder(new ImageShape(1, 1, 1));
  }

  /**
   * The image's pixels at this decoder's shape, HWC, in [0, 255].
   *
   * @param source the file (or file and record) the bytes came from, for the message when they do not decode
   */
  public float[] decode(String source, byte[] bytes) {
    float[] out = new float[shape.size()];
    try (TString in = TString.tensorOfBytes(NdArrays.scalarOfObject(bytes));
        Result r = session.runner().feed(encoded, in).fetch(pixels).run()) {
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
    } catch (TFInvalidArgumentException | TensorFlowException e) {
      throw corrupt(source, e);
    }
    return out;
  }

  /** Height, width and channels as stored in the file; {@code source} as {@link #decode}'s. */
  public ImageShape nativeShape(String source, byte[] bytes) {
    try (TString in = TString.tensorOfBytes(NdArrays.scalarOfObject(bytes));
        Result r = session.runner().feed(encoded, in).fetch(nativeShape).run()) {
      TInt32 s = (TInt32) r.get(0);
      return new ImageShape(s.getInt(0), s.getInt(1), s.getInt(2));
    } catch (TFInvalidArgumentException | TensorFlowException e) {
      throw corrupt(source, e);
    }
  }

  private static DataException corrupt(String source, RuntimeException e) {
    String reason = e.getMessage().strip().lines().findFirst().orElse("");
    return new DataException("cannot decode " + source + ": " + reason + "; expected a PNG, JPEG, BMP or GIF image", e);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
