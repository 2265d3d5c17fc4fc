package io.expertize.config;

import io.expertize.data.DatasetProvider;
import io.expertize.registry.ModelProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.configuration2.CompositeConfiguration;

/**
 * Resolves the configuration: built-in defaults, overridden by a {@code --config} file
 * ({@code .properties}, {@code .yaml} or {@code .yml}), overridden by {@code --set key=value}
 * arguments (later wins). Every problem is collected and thrown together as one
 * {@link ConfigException}.
 *
 * <p>Immutable; {@link #withModelNames} and {@link #withDatasetNames} return a loader that also checks the
 * {@code model} and {@code data} names against what the providers on the class path register.
 */
public final class ConfigLoader {
  private final RegisteredNames models;
  private final RegisteredNames datasets;

  private ConfigLoader(RegisteredNames models, RegisteredNames datasets) {
    this.models = models;
    this.datasets = datasets;
  }

  /** A loader that accepts any non-empty model and dataset name. */
  public static ConfigLoader create() {
    return new ConfigLoader(new RegisteredNames(Keys.MODEL, "model", Set.of(), ModelProvider.class),
        new RegisteredNames(Keys.DATA, "dataset", Set.of(), DatasetProvider.class));
  }

  /**
   * A loader that also rejects a {@code model} not in {@code names}, suggesting the closest and saying how to add
   * one. An empty collection turns the check off.
   */
  public ConfigLoader withModelNames(Collection<String> names) {
    return new ConfigLoader(new RegisteredNames(Keys.MODEL, "model", Set.copyOf(names), ModelProvider.class), datasets);
  }

  /**
   * A loader that also rejects a {@code data} name not in {@code names} (every registered dataset), suggesting the
   * closest and saying how to add one. An empty collection turns the check off.
   */
  public ConfigLoader withDatasetNames(Collection<String> names) {
    return new ConfigLoader(models, new RegisteredNames(Keys.DATA, "dataset", Set.copyOf(names), DatasetProvider.class));
  }

  /** Defaults overridden by {@code setArgs} (each {@code key=value}, as after {@code --set}). */
  public ExpertizeConfig load(List<String> setArgs) {
    return load(null, setArgs);
  }

  /**
   * Defaults overridden by {@code file} (if not null), overridden by {@code setArgs}. Reloading a
   * dumped {@link ExpertizeConfig#toYaml()} with no arguments gives an equal config.
   *
   * @throws ConfigException listing every problem found, one per line
   */
  public ExpertizeConfig load(Path file, List<String> setArgs) {
    List<String> problems = new ArrayList<>();
    List<ConfigLayer> layers = new ArrayList<>(); // highest precedence first
    Optional<ConfigLayer> fileLayer =
        file == null ? Optional.empty() : ConfigFileReader.read(file, problems);
    layers.add(SetArguments.parse(setArgs, problems));
    fileLayer.ifPresent(layers::add);
    layers.add(ConfigLayer.defaults());

    // CompositeConfiguration answers from the first child holding a key: exactly our precedence.
    CompositeConfiguration composite =
        new CompositeConfiguration(layers.stream().map(ConfigLayer::values).toList());
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    for (ConfigKey<?> key : Keys.ALL) {
      // Composite#getSource refuses keys held by several children, so find the origin directly.
      String origin = layers.stream()
          .filter(l -> l.values().containsKey(key.name()))
          .findFirst()
          .orElseThrow()
          .origin(key.name());
      origins.put(key.name(), origin);
      Object value = resolve(key, composite.getProperty(key.name()), origin, problems);
      if (value != null) {
        values.put(key.name(), value);
      }
    }
    models.check(values.get(Keys.MODEL.name()), origins.get(Keys.MODEL.name()), problems);
    datasets.check(values.get(Keys.DATA.name()), origins.get(Keys.DATA.name()), problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ExpertizeConfig(values);
  }

  /** The parsed, valid value, or null after recording why not. */
  private static <T> T resolve(ConfigKey<T> key, Object raw, String origin, List<String> problems) {
    if (raw instanceof Collection<?> list) {
      // Only YAML sequences or a key repeated in a .properties file get here; no key takes a list.
      problems.add(Messages.badValue(key, String.valueOf(list), origin) + ", not a list");
      return null;
    }
    String text = raw == null ? "" : String.valueOf(raw); // a bare 'key:' in YAML is empty
    T value;
    try {
      value = key.type().parse(text);
    } catch (IllegalArgumentException e) {
      value = null;
    }
    if (value == null || !key.constraint().accepts(value)) {
      problems.add(Messages.badValue(key, text, origin));
      return null;
    }
    return value;
  }
}
