package io.expertize.config;

import java.util.List;
import java.util.Objects;

/**
 * One configuration key: its dotted name, type, default, one-line doc and valid values. The
 * registry of all keys is {@link Keys}; the docs table is generated from it.
 *
 * @param name dotted name as written in files and {@code --set}, e.g. {@code train.epochs}
 * @param type how values are parsed
 * @param defaultValue the built-in default; must satisfy {@code constraint}
 * @param doc one line for the reference table and the dumped {@code config.yaml}
 * @param constraint the valid values
 * @param aliases spellings other tools use (e.g. {@code learning-rate}); only used to suggest
 *     this key when an unknown key is given, never accepted as the key itself
 */
public record ConfigKey<T>(
    String name,
    ValueType<T> type,
    T defaultValue,
    String doc,
    Constraint<T> constraint,
    List<String> aliases) {

  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(constraint, "constraint");
    aliases = List.copyOf(aliases);
    if (!name.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*")) {
      throw new IllegalArgumentException("config key name must be dotted lower-case words: " + name);
    }
    if (!constraint.accepts(defaultValue)) {
      throw new IllegalArgumentException(
          "default " + defaultValue + " of " + name + " is not " + constraint.description());
    }
  }

  /**
   * What a valid value looks like, for messages: {@code "an int in [1, 10000]"}, {@code "a long"},
   * or for constrained strings just the constraint, {@code "one of: dense, sw"}.
   */
  public String expectation() {
    if (type == ValueType.STRING && !constraint.isAny()) {
      return constraint.description();
    }
    String article = type.name().matches("[aeiou].*") ? "an " : "a ";
    return article + type.name() + (constraint.isAny() ? "" : " " + constraint.description());
  }

  /** Canonical text of a value of this key (see {@link ValueType#format}). */
  String format(Object value) {
    return type.format(type.javaType().cast(value));
  }
}
