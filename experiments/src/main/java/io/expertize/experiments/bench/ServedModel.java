package io.expertize.experiments.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.ConfigProto;

/**
 * A SavedModel as TF Serving loads it (TensorFlow's own loader, tag {@code serve}) and calls it
 * for a predict request: the {@code serving_default} signature (raw pixels or text in), every output fetched.
 */
public final class ServedModel implements AutoCloseable {
  public static final String SIGNATURE = "serving_default";
  /** {@code expertize export} names the training scheme in the meta graph's version string. */
  private static final Pattern SCHEME = Pattern.compile("\\bscheme=(\\S+)");

  private final Path path;
  private final String label;
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final ServingInput input;

  private ServedModel(Path path, String label, SavedModelBundle bundle, SessionFunction function, ServingInput input) {
    this.path = path;
    this.label = label;
    this.bundle = bundle;
    this.function = function;
    this.input = input;
  }

  /**
   * @throws IllegalArgumentException if the model has no {@code serving_default} signature taking
   *     images or text ({@link ServingInput#of})
   */
  public static ServedModel load(Path dir, ConfigProto config) {
    SavedModelBundle bundle = SavedModelBundle.loader(dir.toString()).withTags("serve").withConfigProto(config).load();
    try {
      Signature signature = bundle.signatures().stream().filter(s -> s.key().equals(SIGNATURE)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(dir + " has no '" + SIGNATURE + "' signature (it has "
              + bundle.signatures().stream().map(Signature::key).toList() + ")"));
      ServingInput input = ServingInput.of(dir.toString(), signature);
      return new ServedModel(dir, label(dir, bundle), bundle, bundle.function(SIGNATURE), input);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  /** Runs the signature once; its outputs are freed at once, as a server frees them after replying. */
  public void call(Tensor batch) {
    try (Result ignored = function.call(Map.of(input.name(), batch))) {
      // the work is done by the call
    }
  }

  /** Runs the signature once and returns the shape of every output. */
  public Map<String, Shape> outputShapes(Tensor batch) {
    Map<String, Shape> shapes = new TreeMap<>();
    try (Result r = function.call(Map.of(input.name(), batch))) {
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

  public ServingInput input() {
    return input;
  }

  @Override
  public void close() {
    bundle.close();
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
