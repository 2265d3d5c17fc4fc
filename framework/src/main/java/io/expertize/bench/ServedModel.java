package io.expertize.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel as TF Serving loads it (TensorFlow's own loader, tag {@code serve}) and calls it
 * for a predict request: the {@code serving_default} signature, raw pixels in, every output fetched.
 */
public final class ServedModel implements AutoCloseable {
  public static final String SIGNATURE = "serving_default";
  public static final String INPUT = "images";
  /** {@code expertize export} names the training scheme in the meta graph's version string. */
  private static final Pattern SCHEME = Pattern.compile("\\bscheme=(\\S+)");

  private final Path path;
  private final String label;
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final Shape imageShape;

  private ServedModel(Path path, String label, SavedModelBundle bundle, SessionFunction function, Shape imageShape) {
    this.path = path;
    this.label = label;
    this.bundle = bundle;
    this.function = function;
    this.imageShape = imageShape;
  }

  /**
   * @throws IllegalArgumentException if the model has no {@code serving_default} signature taking
   *     float32 {@code images} of shape [batch, height, width, channels]
   */
  public static ServedModel load(Path dir, ConfigProto config) {
    SavedModelBundle bundle = SavedModelBundle.loader(dir.toString()).withTags("serve").withConfigProto(config).load();
    try {
      Signature signature = bundle.signatures().stream().filter(s -> s.key().equals(SIGNATURE)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(dir + " has no '" + SIGNATURE + "' signature (it has "
              + bundle.signatures().stream().map(Signature::key).toList() + ")"));
      Signature.TensorDescription input = signature.getInputs().get(INPUT);
      if (input == null || input.dataType != DataType.DT_FLOAT || !isImageBatch(input.shape)) {
        throw new IllegalArgumentException(dir + ": signature '" + SIGNATURE + "' must take float32 '" + INPUT
            + "' of shape [batch, height, width, channels]; its inputs are " + describe(signature.getInputs()));
      }
      Shape image = Shape.of(input.shape.get(1), input.shape.get(2), input.shape.get(3));
      return new ServedModel(dir, label(dir, bundle), bundle, bundle.function(SIGNATURE), image);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  /** Runs the signature once; its outputs are freed at once, as a server frees them after replying. */
  public void call(TFloat32 images) {
    try (Result ignored = function.call(Map.of(INPUT, images))) {
      // the work is done by the call
    }
  }

  /** Runs the signature once and returns the shape of every output. */
  public Map<String, Shape> outputShapes(TFloat32 images) {
    Map<String, Shape> shapes = new TreeMap<>();
    try (Result r = function.call(Map.of(INPUT, images))) {
      r.forEach(e -> shapes.put(e.getKey(), e.getValue().shape()));
    }
    return shapes;
  }

  public Path path() {
    return path;
  }

  /** The scheme the model was trained with if {@code expertize export} wrote it, else its directory's name. */
  public String label() {
    return label;
  }

  /** [height, width, channels] of one image. */
  public Shape imageShape() {
    return imageShape;
  }

  @Override
  public void close() {
    bundle.close();
  }

  /** [batch, height, width, channels] with the image size known. */
  private static boolean isImageBatch(Shape s) {
    return s.numDimensions() == 4 && s.get(1) > 0 && s.get(2) > 0 && s.get(3) > 0;
  }

  private static String describe(Map<String, Signature.TensorDescription> inputs) {
    Map<String, String> out = new TreeMap<>();
    inputs.forEach((name, t) -> out.put(name, t.dataType + " " + t.shape));
    return out.toString();
  }

  /** The training scheme an export recorded, else the directory (with its model name for BASE/NAME/VERSION). */
  private static String label(Path dir, SavedModelBundle bundle) {
    Matcher scheme = SCHEME.matcher(bundle.metaGraphDef().getMetaInfoDef().getMetaGraphVersion());
    if (scheme.find()) {
      return scheme.group(1);
    }
    Path abs = dir.toAbsolutePath().normalize();
    String name = abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
    return name.matches("[0-9]+") && abs.getParent() != null && abs.getParent().getFileName() != null
        ? abs.getParent().getFileName() + "/" + name : name;
  }
}
