package io.expertize.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The valid values of a key, with a human description used in error messages and the docs.
 *
 * @param test accepts the valid values
 * @param description what is valid, e.g. {@code "in [1, 10000]"}, {@code ">= 0"},
 *     {@code "one of: dense, sw"} (string constraints describe the whole value); empty when
 *     every value of the type is valid
 */
public record Constraint<T>(Predicate<? super T> test, String description) {

  /** Every value of the type is valid. */
  public static <T> Constraint<T> any() {
    return new Constraint<>(v -> true, "");
  }

  /** A string with at least one non-blank character. */
  public static Constraint<String> nonEmpty() {
    return new Constraint<>(s -> !s.isBlank(), "a non-empty string");
  }

  /** One of {@code values}, compared exactly; the description lists them in the given order. */
  public static Constraint<String> oneOf(String... values) {
    Set<String> valid = Set.of(values);
    return new Constraint<>(valid::contains, "one of: " + String.join(", ", List.of(values)));
  }

  /** {@code value >= min}. */
  public static <T extends Comparable<T>> Constraint<T> atLeast(T min) {
    return new Constraint<>(v -> v.compareTo(min) >= 0, ">= " + show(min));
  }

  /** {@code value > min}. */
  public static <T extends Comparable<T>> Constraint<T> above(T min) {
    return new Constraint<>(v -> v.compareTo(min) > 0, "> " + show(min));
  }

  /** {@code min <= value <= max}, written {@code [min, max]}. */
  public static <T extends Comparable<T>> Constraint<T> closed(T min, T max) {
    return between(min, true, max, true);
  }

  /** {@code min <= value < max}, written {@code [min, max)}. */
  public static <T extends Comparable<T>> Constraint<T> closedOpen(T min, T max) {
    return between(min, true, max, false);
  }

  /** {@code min < value <= max}, written {@code (min, max]}. */
  public static <T extends Comparable<T>> Constraint<T> openClosed(T min, T max) {
    return between(min, false, max, true);
  }

  /** None ({@code unset}, for a key of {@link ValueType#orUnset}) or a value that {@code rest} accepts. */
  public static <T> Constraint<Optional<T>> orUnset(String unset, Constraint<T> rest) {
    return new Constraint<>(v -> v.isEmpty() || rest.test().test(v.get()), rest.description() + ", or " + unset);
  }

  /** Whether {@code value} is valid. */
  public boolean accepts(T value) {
    return test.test(value);
  }

  /** Whether this constraint accepts every value (so docs and messages omit it). */
  public boolean isAny() {
    return description.isEmpty();
  }

  private static <T extends Comparable<T>> Constraint<T> between(
      T min, boolean minInclusive, T max, boolean maxInclusive) {
    Predicate<T> test =
        v -> {
          int lo = v.compareTo(min);
          int hi = v.compareTo(max);
          return (minInclusive ? lo >= 0 : lo > 0) && (maxInclusive ? hi <= 0 : hi < 0);
        };
    String text =
        "in " + (minInclusive ? "[" : "(") + show(min) + ", " + show(max) + (maxInclusive ? "]" : ")");
    return new Constraint<>(test, text);
  }

  /** Whole doubles print without ".0" so ranges read like maths: [0, 1), not [0.0, 1.0). */
  static String show(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }
}
