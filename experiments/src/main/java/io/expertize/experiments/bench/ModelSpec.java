package io.expertize.experiments.bench;

import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.ModelRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A registered model and the request that shapes it. Every configuration gets a fresh model from
 * it, and a measuring child process (a separate JVM) rebuilds the same model from its arguments.
 */
public record ModelSpec(String name, ModelRequest request) {

  /** A new instance of the model, from the models on the class path. */
  public ImageClassifier create() {
    return ModelRegistry.discover().get(name).createImageClassifier(request);
  }

  /** {@code key=value} arguments that {@link #parse} reads back: the images and every override the request sets. */
  List<String> toArgs() {
    ModelRequest r = request;
    List<String> args = new ArrayList<>();
    args.add("model=" + name);
    r.images().ifPresent(in -> {
      args.add("imageSize=" + in.size());
      args.add("channels=" + in.channels());
      args.add("numClasses=" + in.numClasses());
    });
    r.patchSize().ifPresent(v -> args.add("patchSize=" + v));
    r.dim().ifPresent(v -> args.add("dim=" + v));
    r.depth().ifPresent(v -> args.add("depth=" + v));
    r.heads().ifPresent(v -> args.add("heads=" + v));
    r.mlpRatio().ifPresent(v -> args.add("mlpRatio=" + v));
    r.dropout().ifPresent(v -> args.add("dropout=" + v));
    r.dropPath().ifPresent(v -> args.add("dropPath=" + v));
    r.windowSize().ifPresent(v -> args.add("windowSize=" + v));
    r.depths().ifPresent(d -> args.add("depths=" + d.stream().map(String::valueOf).collect(Collectors.joining(","))));
    return args;
  }

  static ModelSpec parse(Map<String, String> a) {
    ModelRequest.Builder b = ModelRequest.builder();
    if (a.containsKey("imageSize")) {
      b.images(Integer.parseInt(a.get("imageSize")), Integer.parseInt(a.get("channels")),
          Integer.parseInt(a.get("numClasses")));
    }
    ifSet(a, "patchSize", v -> b.patchSize(Integer.parseInt(v)));
    ifSet(a, "dim", v -> b.dim(Integer.parseInt(v)));
    ifSet(a, "depth", v -> b.depth(Integer.parseInt(v)));
    ifSet(a, "heads", v -> b.heads(Integer.parseInt(v)));
    ifSet(a, "mlpRatio", v -> b.mlpRatio(Double.parseDouble(v)));
    ifSet(a, "dropout", v -> b.dropout(Double.parseDouble(v)));
    ifSet(a, "dropPath", v -> b.dropPath(Double.parseDouble(v)));
    ifSet(a, "windowSize", v -> b.windowSize(Integer.parseInt(v)));
    ifSet(a, "depths", v -> b.depths(ModelRequest.parseDepths(v)));
    return new ModelSpec(a.get("model"), b.build());
  }

  private static void ifSet(Map<String, String> a, String key, Consumer<String> set) {
    String value = a.get(key);
    if (value != null) {
      set.accept(value);
    }
  }

  /** {@code key=value} arguments as a map; anything else is an error. */
  static Map<String, String> keyValues(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got '" + a + "'");
      }
      out.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return out;
  }
}
