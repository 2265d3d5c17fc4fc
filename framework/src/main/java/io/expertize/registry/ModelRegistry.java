package io.expertize.registry;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** All named model configs on the class path, by name, with the provider that registered each. */
public final class ModelRegistry {
  private final Map<String, ModelFactory> byName;
  private final Map<String, Class<?>> providers;

  /** Models without providers: each comes from its factory's own jar or directory. */
  public ModelRegistry(Map<String, ModelFactory> byName) {
    this(byName, Map.of());
  }

  private ModelRegistry(Map<String, ModelFactory> byName, Map<String, Class<?>> providers) {
    this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
    this.providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
  }

  /** The models contributed through {@link ModelProvider} services, in class path order of their providers. */
  public static ModelRegistry discover() {
    Map<String, ModelFactory> found = new TreeMap<>();
    Map<String, Class<?>> providers = new LinkedHashMap<>();
    for (ModelProvider provider : ServiceLoader.load(ModelProvider.class)) {
      for (ModelFactory f : provider.models()) {
        ModelFactory previous = found.put(f.name(), f);
        if (previous != null) {
          throw new IllegalStateException("model name '" + f.name() + "' is registered twice: by "
              + providers.get(f.name()).getName() + " and by " + provider.getClass().getName());
        }
        providers.put(f.name(), provider.getClass());
      }
    }
    return new ModelRegistry(found, providers);
  }

  public Map<String, ModelFactory> all() {
    return byName;
  }

  /** Every name, in the class path order of the providers that registered them (sorted when there are none). */
  public Iterable<String> namesInProviderOrder() {
    return providers.isEmpty() ? byName.keySet() : providers.keySet();
  }

  /**
   * The jar or class directory of the provider that registered {@code name} (its factory's, without one): where
   * a model comes from, the zoo or a user's --classpath entry.
   */
  public Optional<Path> source(String name) {
    Class<?> provider = providers.get(name);
    return CodeLocation.of(provider != null ? provider : get(name).getClass());
  }

  public ModelFactory get(String name) {
    ModelFactory f = byName.get(name);
    if (f == null) {
      throw new UnknownModelException("unknown model '" + name + "'" + suggestion(name)
          + "; `expertize models` lists them all (" + String.join(", ", byName.keySet()) + "). "
          + ProviderHint.howToAdd("model", ModelProvider.class));
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
