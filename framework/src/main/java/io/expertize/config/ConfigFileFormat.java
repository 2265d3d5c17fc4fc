package io.expertize.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.configuration2.AbstractConfiguration;
import org.apache.commons.configuration2.FileBasedConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.YAMLConfiguration;
import org.apache.commons.configuration2.convert.DisabledListDelimiterHandler;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.yaml.snakeyaml.LoaderOptions;

/** The config file formats, chosen by file extension. */
enum ConfigFileFormat {
  PROPERTIES(".properties") {
    @Override
    FileBasedConfiguration read(Path file) throws ConfigurationException {
      PropertiesConfiguration config = new PropertiesConfiguration();
      // 'include = other.properties' would silently pull in files; treat it as a plain key.
      config.setIncludesAllowed(false);
      return load(config, file);
    }

    @Override
    String dottedKey(String configKey) {
      return configKey;
    }
  },

  YAML(".yaml", ".yml") {
    @Override
    FileBasedConfiguration read(Path file) throws ConfigurationException {
      YAMLConfiguration config = new YAMLConfiguration();
      config.setListDelimiterHandler(DisabledListDelimiterHandler.INSTANCE);
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false); // SnakeYAML's default keeps the last silently
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        config.read(in, options);
      } catch (IOException e) {
        throw new ConfigurationException(e);
      }
      return config;
    }

    /**
     * Nested maps already come out dotted ({@code train: {epochs: 3}} is {@code train.epochs});
     * a flat YAML key {@code train.epochs: 3} comes out with the dot escaped as {@code ..}.
     * Both spellings mean the same key, and flat is the only way to set both {@code model}
     * and {@code model.dim}.
     */
    @Override
    String dottedKey(String configKey) {
      return configKey.replace("..", ".");
    }
  };

  private final List<String> extensions;

  ConfigFileFormat(String... extensions) {
    this.extensions = List.of(extensions);
  }

  /** Reads {@code file} with Commons Configuration; values are never split into lists. */
  abstract FileBasedConfiguration read(Path file) throws ConfigurationException;

  /** The dotted Expertize key for a key as the Commons configuration reports it. */
  abstract String dottedKey(String configKey);

  /**
   * Loads through a FileHandler rather than a FileBasedConfigurationBuilder: the builder's
   * bean-style parameters log an INFO stack of introspection noise on every load, and we need
   * none of its reloading machinery.
   */
  private static <C extends AbstractConfiguration & FileBasedConfiguration> C load(C config, Path file)
      throws ConfigurationException {
    config.setListDelimiterHandler(DisabledListDelimiterHandler.INSTANCE);
    // through a stream, so a configuration bundled inside a jar (NamedConfigs) reads like a file
    try (InputStream in = Files.newInputStream(file)) {
      new FileHandler(config).load(in);
    } catch (IOException e) {
      throw new ConfigurationException("cannot read " + file, e);
    }
    return config;
  }

  /** The format for {@code file}'s extension (case-insensitive), if supported. */
  static Optional<ConfigFileFormat> forFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.extensions.stream().anyMatch(name::endsWith)).findFirst();
  }

  /** The supported extensions for messages: {@code .properties, .yaml, .yml}. */
  static String validExtensions() {
    return Arrays.stream(values())
        .flatMap(f -> f.extensions.stream())
        .collect(Collectors.joining(", "));
  }
}
