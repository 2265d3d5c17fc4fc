package io.expertize.registry;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** All named model configs on the class path, by name. */
public final class ModelRegistry {
  private final Map<String, ModelFactory> byName;

  public ModelRegistry(Map<String, ModelFactory> byName) {
    this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
  }

  /** The models contributed through {@link ModelProvider} services. */
  public static ModelRegistry discover() {
    Map<String, ModelFactory> found = new TreeMap<>();
    for (ModelProvider provider : ServiceLoader.load(ModelProvider.class)) {
      for (ModelFactory f : provider.models()) {
        ModelFactory previous = found.put(f.name(), f);
        if (previous != null) {
          throw new IllegalStateException("model name '" + f.name() + "' is registered twice");
        }
      }
    }
    return new ModelRegistry(found);
  }

  public Map<String, ModelFactory> all() {
    return byName;
  }

  public ModelFactory get(String name) {
    ModelFactory f = byName.get(name);
    if (f == null) {
      throw new UnknownModelException("unknown model '" + name + "'" + suggestion(name)
          + "; `expertize models` lists them all");
    }
    return f;
  }

  private String suggestion(String name) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    return byName.keySet().stream()
        .min((a, b) -> Integer.compare(distance.apply(name, a), distance.apply(name, b)))
        .map(best -> "; did you mean '" + best + "'?")
        .orElse(" (no models are registered: is the zoo on the class path?)");
  }
}
