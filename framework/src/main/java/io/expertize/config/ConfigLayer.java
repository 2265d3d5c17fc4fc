package io.expertize.config;

import java.util.Map;
import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.convert.DisabledListDelimiterHandler;

/**
 * One source of values (defaults, a file, the {@code --set} arguments) holding only known keys,
 * with where each value came from so messages can point at the file or the literal argument.
 *
 * @param values raw values by dotted key: text, a YAML scalar, null, or a list (always an error)
 * @param origins per key, the phrase naming its source, e.g. {@code run.yaml} or
 *     {@code --set 'optim.lr=5e-4'}
 */
record ConfigLayer(Configuration values, Map<String, String> origins) {

  ConfigLayer {
    origins = Map.copyOf(origins);
  }

  /** The built-in defaults of every key in {@link Keys}. */
  static ConfigLayer defaults() {
    BaseConfiguration values = newFlatConfiguration();
    for (ConfigKey<?> key : Keys.ALL) {
      values.setProperty(key.name(), key.format(key.defaultValue()));
    }
    return new ConfigLayer(values, Map.of());
  }

  /** Where the value of {@code key} in this layer came from. */
  String origin(String key) {
    return origins.getOrDefault(key, "the built-in defaults");
  }

  /** A flat in-memory configuration that never splits values at commas. */
  static BaseConfiguration newFlatConfiguration() {
    BaseConfiguration config = new BaseConfiguration();
    config.setListDelimiterHandler(DisabledListDelimiterHandler.INSTANCE);
    return config;
  }
}
