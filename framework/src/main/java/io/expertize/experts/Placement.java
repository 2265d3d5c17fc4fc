package io.expertize.experts;

import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which occurrences of an {@code @Expertize} field become expert sets, counted from 0 in model order:
 * {@code all}, {@code every-K} (K-1, 2K-1, ...: V-MoE's "every other layer" for K = 2), {@code odd},
 * {@code even}, {@code first-K}, {@code last-K}, or a list {@code 0,3,5}.
 */
public final class Placement {
  /** The forms {@link #parse} accepts, for error messages. */
  public static final String FORMS = "all, every-K, odd, even, first-K, last-K, or a list of indices like 0,3,5";

  private static final Pattern COUNTED = Pattern.compile("(every|first|last)-(\\d+)");
  private static final Pattern LIST = Pattern.compile("\\[?\\s*\\d+(\\s*,\\s*\\d+)*\\s*]?");

  private final String spec;
  private final Selector selector;

  /** Chooses indices among {@code count} occurrences; throws with a message when it cannot. */
  private interface Selector {
    IntPredicate select(int count);
  }

  private Placement(String spec, Selector selector) {
    this.spec = spec;
    this.selector = selector;
  }

  public static Placement all() {
    return parse("all");
  }

  /** @throws IllegalArgumentException naming the spec and the accepted forms */
  public static Placement parse(String spec) {
    String s = spec.trim().toLowerCase(Locale.ROOT);
    switch (s) {
      case "all":
        return new Placement(s, count -> i -> true);
      case "odd":
        return new Placement(s, count -> i -> i % 2 == 1);
      case "even":
        return new Placement(s, count -> i -> i % 2 == 0);
      default:
        break;
    }
    Matcher m = COUNTED.matcher(s);
    if (m.matches()) {
      int k = parseCount(spec, m.group(2));
      return switch (m.group(1)) {
        case "every" -> new Placement(s, count -> i -> (i + 1) % k == 0);
        case "first" -> new Placement(s, count -> {
          requireAtMost(spec, k, count);
          return i -> i < k;
        });
        default -> new Placement(s, count -> {
          requireAtMost(spec, k, count);
          return i -> i >= count - k;
        });
      };
    }
    if (LIST.matcher(s).matches()) {
      TreeSet<Long> indices = new TreeSet<>();
      for (String part : s.replaceAll("[\\[\\]\\s]", "").split(",")) {
        indices.add(parseIndex(part));
      }
      String normalised = indices.stream().map(String::valueOf).collect(Collectors.joining(","));
      return new Placement(normalised, count -> {
        SortedSet<Long> beyond = indices.tailSet((long) count);
        if (!beyond.isEmpty()) {
          throw new IllegalArgumentException("placement '" + spec + "' names "
              + (beyond.size() == 1 ? "index " : "indices ")
              + beyond.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + ", but there " + occurrences(count) + (count == 0 ? "" : " (0.." + (count - 1) + ")"));
        }
        return i -> indices.contains((long) i);
      });
    }
    throw new IllegalArgumentException("placement '" + spec + "' is not one of: " + FORMS);
  }

  /**
   * Which of {@code count} occurrences are chosen.
   *
   * @throws IllegalArgumentException when the placement names occurrences beyond {@code count}
   */
  public boolean[] select(int count) {
    IntPredicate chosen = selector.select(count);
    boolean[] out = new boolean[count];
    for (int i = 0; i < count; i++) {
      out[i] = chosen.test(i);
    }
    return out;
  }

  /** The normalised spec, as written to summaries. */
  public String spec() {
    return spec;
  }

  @Override
  public String toString() {
    return spec;
  }

  private static int parseCount(String spec, String digits) {
    long k = parseIndex(digits);
    if (k < 1) {
      throw new IllegalArgumentException("placement '" + spec + "' needs a count of at least 1");
    }
    if (k > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("placement '" + spec + "' has a count of " + digits
          + ", more than any model has occurrences");
    }
    return (int) k;
  }

  /** Digits as a number; more than a long holds saturates (it is beyond every count anyway). */
  private static long parseIndex(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static void requireAtMost(String spec, int k, int count) {
    if (k > count) {
      throw new IllegalArgumentException(
          "placement '" + spec + "' asks for " + k + " occurrences, but there " + occurrences(count));
    }
  }

  /** "are only 3 occurrences", "is only 1 occurrence", "are no occurrences" (after "there"). */
  private static String occurrences(int count) {
    return count == 0 ? "are no occurrences" : count == 1 ? "is only 1 occurrence" : "are only " + count + " occurrences";
  }
}
