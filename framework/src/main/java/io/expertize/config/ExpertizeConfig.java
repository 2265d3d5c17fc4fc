package io.expertize.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The resolved configuration: a valid value for every key in {@link Keys}. Immutable; build one
 * with {@link ConfigLoader}, or start from {@link #defaults()} and use {@link #with}.
 *
 * <pre>{@code int epochs = config.get(Keys.TRAIN_EPOCHS);}</pre>
 */
public final class ExpertizeConfig {
  private final Map<String, Object> values; // every key, registry order

  ExpertizeConfig(Map<String, Object> values) {
    this.values = Map.copyOf(values);
    if (this.values.size() != Keys.ALL.size()) {
      throw new IllegalArgumentException("a config needs a value for every key");
    }
  }

  /** Every key at its built-in default. */
  public static ExpertizeConfig defaults() {
    Map<String, Object> values = new LinkedHashMap<>();
    Keys.ALL.forEach(k -> values.put(k.name(), k.defaultValue()));
    return new ExpertizeConfig(values);
  }

  /** The value of {@code key}. */
  public <T> T get(ConfigKey<T> key) {
    return key.type().javaType().cast(values.get(registered(key).name()));
  }

  /**
   * A copy with {@code key} set to {@code value}.
   *
   * @throws ConfigException if the value is outside the key's valid range or values
   */
  public <T> ExpertizeConfig with(ConfigKey<T> key, T value) {
    registered(key);
    if (value == null || !key.constraint().accepts(value)) {
      throw new ConfigException(Messages.badValue(key, String.valueOf(value), "with()"));
    }
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(key.name(), value);
    return new ExpertizeConfig(copy);
  }

  /** {@link Keys#DATA_DIR}, or the Debian package location when it is empty. */
  public Path dataDir() {
    String dir = get(Keys.DATA_DIR);
    return dir.isBlank() ? Keys.DEFAULT_FASHION_MNIST_DIR : Path.of(dir);
  }

  /** Every key to its canonical text, in registry order. */
  public Map<String, String> toMap() {
    Map<String, String> text = new LinkedHashMap<>();
    Keys.ALL.forEach(k -> text.put(k.name(), k.format(values.get(k.name()))));
    return text;
  }

  /** Every key as a property; storing them to a {@code .properties} file reloads to an equal config. */
  public Properties toProperties() {
    Properties properties = new Properties();
    properties.putAll(toMap());
    return properties;
  }

  /**
   * Every key as flat YAML ({@code train.epochs: 10}), each under a comment with its doc line.
   * This is the run directory's {@code config.yaml}; loading it gives an equal config.
   */
  public String toYaml() {
    return ConfigYaml.write(this);
  }

  /** The value as YAML writes it: a number, flag or text, and an unset optional as its word ({@code model}). */
  Object rawValue(ConfigKey<?> key) {
    Object value = values.get(key.name());
    return value instanceof Optional<?> set ? set.<Object>map(v -> v).orElseGet(() -> key.format(value)) : value;
  }

  private static <K extends ConfigKey<?>> K registered(K key) {
    if (Keys.byName(key.name()).orElse(null) != key) {
      throw new IllegalArgumentException("not a key of the Keys registry: " + key.name());
    }
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExpertizeConfig other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "ExpertizeConfig" + toMap();
  }
}
