package io.expertize.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.FileBasedConfiguration;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;

/** Reads a {@code --config} file into a layer, reporting every problem instead of stopping. */
final class ConfigFileReader {
  private ConfigFileReader() {}

  /**
   * Reads {@code given}, a file or a {@link NamedConfigs} name; problems (missing file, unknown
   * extension, parse error, unknown keys)
   * are appended to {@code problems}. Returns empty only if nothing could be read.
   */
  static Optional<ConfigLayer> read(Path given, List<String> problems) {
    Path file = NamedConfigs.resolve(given);
    if (!Files.exists(file) && NamedConfigs.isBareName(given)) {
      problems.add("config " + given + " is neither a file nor a named configuration (named: "
          + String.join(", ", NamedConfigs.names()) + ")");
      return Optional.empty();
    }
    if (Files.isDirectory(file)) {
      problems.add("config file " + file + " is a directory; --config takes a file ("
          + ConfigFileFormat.validExtensions() + ") or a named configuration (" + String.join(", ", NamedConfigs.names())
          + ")");
      return Optional.empty();
    }
    String origin = file == given ? given.toString() : "named config " + given;
    Optional<ConfigFileFormat> format = ConfigFileFormat.forFile(file);
    if (format.isEmpty()) {
      problems.add("config file " + file + " has an unsupported extension; use one of "
          + ConfigFileFormat.validExtensions());
      return Optional.empty();
    }
    if (!Files.isRegularFile(file)) {
      problems.add("config file " + file
          + (Files.isDirectory(file) ? " is a directory" : " does not exist"));
      return Optional.empty();
    }
    FileBasedConfiguration parsed;
    try {
      parsed = format.get().read(file);
    } catch (Exception e) { // ConfigurationException wrapping I/O or parser errors
      problems.add("cannot read config file " + file + ": " + rootMessage(e));
      return Optional.empty();
    }
    BaseConfiguration values = ConfigLayer.newFlatConfiguration();
    Map<String, String> origins = new HashMap<>();
    for (Iterator<String> it = parsed.getKeys(); it.hasNext(); ) {
      String rawKey = it.next();
      String key = format.get().dottedKey(rawKey);
      if (Keys.byName(key).isEmpty()) {
        problems.add(Messages.unknownKey(key, origin));
        continue;
      }
      values.setProperty(key, parsed.getProperty(rawKey));
      origins.put(key, origin);
    }
    return Optional.of(new ConfigLayer(values, origins));
  }

  /** Parser messages span lines (snippet and caret); keep one problem per line. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof DuplicateKeyException d) {
      return d.getProblem().replace("found duplicate key", "it sets the key") + " twice (again on line "
          + (d.getProblemMark().getLine() + 1) + "); a key may appear once: keep the one you mean";
    }
    if (root instanceof ClassCastException) { // YAMLConfiguration casts the document to a map
      return "the top level must be a map of keys";
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.replaceAll("\\s+", " ").trim();
  }
}
