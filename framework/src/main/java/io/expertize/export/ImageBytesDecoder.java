package io.expertize.export;

import io.expertize.data.folder.DecodeResize;
import java.util.List;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.For;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * Decodes a batch of encoded images (PNG, JPEG, GIF or BMP: what a TF Serving REST client sends as
 * {@code {"b64": ...}}) into raw pixels {@code [B, size, size, channels]} in [0, 255]. The decode
 * ops take one image at a time, so a {@code For} loop over the batch runs a small function that
 * decodes image i, resizes it to the model's input with {@link DecodeResize} (the ops image folders
 * are read with) and writes it into row i.
 */
final class ImageBytesDecoder {
  private ImageBytesDecoder() {}

  static Operand<TFloat32> decode(Ops tf, Operand<TString> encoded, int size, int channels) {
    ConcreteFunction body = ConcreteFunction.create(f -> {
      var i = f.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
      var images = f.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      var pixels = f.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, channels)));
      Operand<TFloat32> resized = DecodeResize.apply(f, f.gather(images, i, f.constant(0)), size, channels);
      Operand<TFloat32> written = f.tensorScatterNdUpdate(pixels, f.reshape(i, f.constant(new int[] {1, 1})), resized);
      return Signature.builder().key("decode_one_image")
          .input("i", i).input("images", images).input("pixels", pixels)
          .output("images_out", f.identity(images)).output("pixels_out", written).build();
    });
    Ops d = tf.withSubScope("decode");
    Operand<TInt32> batch = d.reshape(d.shape(encoded), d.constant(new int[0]));
    Operand<TFloat32> empty = d.zeros(d.concat(List.of(d.shape(encoded), d.constant(new int[] {size, size, channels})),
        d.constant(0)), TFloat32.class);
    For loop = d.forOp(d.constant(0), batch, d.constant(1), List.of(encoded, empty), body);
    @SuppressWarnings("unchecked")
    Operand<TFloat32> pixels = (Operand<TFloat32>) loop.output().get(1);
    return d.withName("pixels").ensureShape(pixels, Shape.of(-1, size, size, channels));
  }
}
