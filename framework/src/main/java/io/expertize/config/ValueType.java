package io.expertize.config;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The type of a configuration value and how to read it from text. Every source (properties
 * file, YAML scalar, {@code --set}) is reduced to text first, so all sources parse alike and
 * {@link #format} always reads back to the same value.
 *
 * @param name the name shown to users in messages and docs ({@code int}, {@code double}, ...)
 * @param javaType the Java type of parsed values
 * @param parser turns trimmed text into a value; throws {@link IllegalArgumentException} if it can't
 * @param formatter the canonical text of a value
 */
public record ValueType<T>(String name, Class<T> javaType, Function<String, T> parser, Function<T, String> formatter) {

  /** A type whose values print as {@code String.valueOf} does. */
  public ValueType(String name, Class<T> javaType, Function<String, T> parser) {
    this(name, javaType, parser, String::valueOf);
  }

  /** Any text, kept verbatim (commas included: values never split into lists). */
  public static final ValueType<String> STRING = new ValueType<>("string", String.class, s -> s);

  public static final ValueType<Integer> INT = new ValueType<>("int", Integer.class, Integer::valueOf);

  public static final ValueType<Long> LONG = new ValueType<>("long", Long.class, Long::valueOf);

  /** A finite double; NaN and infinities are rejected so range checks stay meaningful. */
  public static final ValueType<Double> DOUBLE =
      new ValueType<>("double", Double.class, ValueType::parseFiniteDouble);

  /** Exactly {@code true} or {@code false} (any case); "yes"/"1" are rejected as too surprising. */
  public static final ValueType<Boolean> BOOLEAN =
      new ValueType<>("boolean", Boolean.class, ValueType::parseStrictBoolean);

  /**
   * {@code inner}'s values, or the word {@code unset} for none (a key whose default is "the model's
   * own"): {@code model.dim: model}, {@code model.dim: 96}. {@code legacy}, how files written before the
   * word existed spelled "none" ({@code -1} or {@code 0}, outside the valid values), still reads as none.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> ValueType<Optional<T>> orUnset(ValueType<T> inner, String unset, T legacy) {
    Function<String, Optional<T>> parser = text -> {
      if (text.equalsIgnoreCase(unset)) {
        return Optional.empty();
      }
      T value = inner.parse(text);
      return value.equals(legacy) ? Optional.empty() : Optional.of(value);
    };
    return new ValueType<>(inner.name(), (Class) Optional.class, parser, v -> v.map(inner::format).orElse(unset));
  }

  /**
   * Parses {@code text} (surrounding whitespace ignored, except for strings).
   *
   * @throws IllegalArgumentException if the text is not a value of this type
   */
  public T parse(String text) {
    return parser.apply(javaType == String.class ? text : text.trim());
  }

  /** The canonical text of {@code value}; {@link #parse} reads it back to an equal value. */
  public String format(T value) {
    return formatter.apply(value);
  }

  private static Double parseFiniteDouble(String text) {
    double value = Double.parseDouble(text);
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + text);
    }
    return value;
  }

  private static Boolean parseStrictBoolean(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("not a boolean: " + text);
    };
  }
}
