package io.expertize.bench;

import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.ModelRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** {@code key=value} arguments that {@link #parse} reads back: every component of the request. */
  List<String> toArgs() {
    ModelRequest r = request;
    List<String> args = new ArrayList<>();
    args.add("model=" + name);
    args.add("imageSize=" + r.imageSize());
    args.add("channels=" + r.channels());
    args.add("numClasses=" + r.numClasses());
    args.add("patchSize=" + r.patchSize());
    args.add("dim=" + r.dim());
    args.add("depth=" + r.depth());
    args.add("heads=" + r.heads());
    args.add("mlpRatio=" + r.mlpRatio());
    args.add("dropout=" + r.dropout());
    args.add("dropPath=" + r.dropPath());
    args.add("windowSize=" + r.windowSize());
    args.add("depths=" + r.depths().stream().map(String::valueOf).collect(Collectors.joining(",")));
    return args;
  }

  static ModelSpec parse(Map<String, String> a) {
    return new ModelSpec(a.get("model"), new ModelRequest(
        Integer.parseInt(a.get("imageSize")), Integer.parseInt(a.get("channels")), Integer.parseInt(a.get("numClasses")),
        Integer.parseInt(a.get("patchSize")), Integer.parseInt(a.get("dim")), Integer.parseInt(a.get("depth")),
        Integer.parseInt(a.get("heads")), Double.parseDouble(a.get("mlpRatio")), Double.parseDouble(a.get("dropout")),
        Double.parseDouble(a.get("dropPath")), Integer.parseInt(a.get("windowSize")),
        ModelRequest.parseDepths(a.get("depths"))));
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
