package io.expertize.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.data.DatasetInfo;
import io.expertize.data.Normalization;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.ParamSource;
import io.expertize.nn.ImageClassifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * An image classifier as served: raw pixels ({@code serving_default}) or encoded image bytes
 * ({@code serving_image_bytes}) in, {@code logits}, {@code probabilities}, {@code classes} (the
 * predicted label) and {@code class_names} (its name, a string, as TF Serving's classify API reports
 * classes) out, preprocessing inside. Both signatures share one forward pass: {@code images} is a placeholder
 * whose default is the decoded {@code image_bytes}, so feeding pixels never touches the decoder.
 * Checked on random raw-pixel probe images.
 */
public record ImageServing(ImageClassifier model, Normalization normalization, List<String> classNames)
    implements Serving {
  static final String PIXELS_SIGNATURE = "serving_default";
  static final String BYTES_SIGNATURE = "serving_image_bytes";
  static final int PROBE_IMAGES = 64;

  public ImageServing {
    classNames = List.copyOf(classNames);
    if (classNames.size() != model.numClasses()) {
      throw new IllegalArgumentException(classNames.size() + " class names for a model of " + model.numClasses()
          + " classes");
    }
  }

  /** Classes known by their labels only ({@code "0", "1", ...}). */
  public ImageServing(ImageClassifier model, Normalization normalization) {
    this(model, normalization, DatasetInfo.indexNames(model.numClasses()));
  }

  @Override
  public Map<String, SignatureDef> signatures(Ops tf, ParamSource parameters) {
    int size = model.imageSize();
    int channels = model.channels();
    Placeholder<TString> encoded = tf.withName("image_bytes").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
    Operand<TFloat32> pixels = tf.withName("images").placeholderWithDefault(
        ImageBytesDecoder.decode(tf, encoded, size, channels), Shape.of(-1, size, size, channels));
    Operand<TFloat32> logits = tf.withName("logits").identity(
        model.logits(ForwardContext.inference(tf, parameters), Preprocessing.apply(tf, pixels, normalization)));
    Operand<TFloat32> probabilities = tf.withName("probabilities").nn.softmax(logits);
    Operand<TInt64> classes = tf.withName("classes").math.argMax(logits, tf.constant(-1));
    Operand<TString> names = tf.withName("class_names").gather(
        tf.constant(StandardCharsets.UTF_8, classNames.toArray(String[]::new)), classes, tf.constant(0));

    Map<String, Operand<?>> outputs = Map.of("logits", logits, "probabilities", probabilities, "classes", classes,
        "class_names", names);
    return Map.of(
        PIXELS_SIGNATURE, SignatureDefs.predict(Map.of("images", pixels), outputs),
        BYTES_SIGNATURE, SignatureDefs.predict(Map.of("image_bytes", encoded), outputs));
  }

  @Override
  public Probe probe(Ops tf, ForwardContext trained, ParamSource fused) {
    Placeholder<TFloat32> pixels = tf.placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, model.imageSize(), model.imageSize(), model.channels())));
    Operand<TFloat32> logits = model.logits(trained, Preprocessing.apply(tf, pixels, normalization));
    return new Probe() {
      private float[][] expected;

      @Override
      public void expect(Session session) {
        try (TFloat32 probe = probeImages(); Result r = session.runner().feed(pixels, probe).fetch(logits).run()) {
          expected = Matrices.of((TFloat32) r.get(0));
        }
      }

      @Override
      public ProbeCheck compare(SavedModelBundle loaded) {
        try (TFloat32 probe = probeImages();
            Result r = loaded.function(PIXELS_SIGNATURE).call(Map.of("images", probe))) {
          double difference = Matrices.maxAbsDifference(Matrices.of((TFloat32) r.get("logits").orElseThrow()), expected);
          return new ProbeCheck(PROBE_IMAGES, "images", difference, Matrices.maxAbs(expected));
        }
      }
    };
  }

  @Override
  public void describe(ObjectNode root) {
    ObjectNode input = root.putObject("input");
    input.put("images", "float32 [batch, " + model.imageSize() + ", " + model.imageSize() + ", " + model.channels()
        + "], raw pixel values in [0, 255]");
    input.put("image_bytes", "string [batch], encoded PNG/JPEG/GIF/BMP, resized to " + model.imageSize() + "x"
        + model.imageSize() + " with " + model.channels() + " channel(s)");
    ObjectNode norm = input.putObject("normalization");
    for (int c = 0; c < normalization.channels(); c++) {
      norm.withArray("mean").add(normalization.mean(c));
      norm.withArray("std").add(normalization.std(c));
    }
    root.put("classes", model.numClasses());
    classNames.forEach(root.withArray("class_names")::add);
  }

  /** Deterministic raw-pixel images in [0, 255]: the check needs inputs, not data. */
  private TFloat32 probeImages() {
    int s = model.imageSize();
    int c = model.channels();
    TFloat32 t = TFloat32.tensorOf(Shape.of(PROBE_IMAGES, s, s, c));
    Random random = new Random(20261126L);
    for (int i = 0; i < PROBE_IMAGES; i++) {
      for (int y = 0; y < s; y++) {
        for (int x = 0; x < s; x++) {
          for (int ch = 0; ch < c; ch++) {
            t.setFloat(random.nextInt(256), i, y, x, ch);
          }
        }
      }
    }
    return t;
  }
}
