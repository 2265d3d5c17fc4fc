package io.expertize.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean" suggestions by Levenshtein distance. Plain distance between full key names
 * misses what users actually type ({@code optim.learning-rate} is closer to
 * {@code optim.min-lr} than to {@code optim.lr}), so each key is also matched by its last
 * segment and its aliases, with and without the section prefix.
 */
final class ClosestMatch {
  private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

  private ClosestMatch() {}

  /** The valid key closest to {@code unknown}, if any is close enough to be a plausible typo. */
  static Optional<String> key(String unknown, Collection<ConfigKey<?>> keys) {
    Map<String, String> spellings = new LinkedHashMap<>();
    for (ConfigKey<?> key : keys) {
      String name = key.name();
      int dot = name.lastIndexOf('.');
      String section = dot < 0 ? "" : name.substring(0, dot + 1);
      spellings.putIfAbsent(name, name);
      spellings.putIfAbsent(name.substring(dot + 1), name);
      for (String alias : key.aliases()) {
        spellings.putIfAbsent(section + alias, name);
        spellings.putIfAbsent(alias, name);
      }
    }
    return closest(unknown, spellings);
  }

  /** The name in {@code names} closest to {@code unknown}, if close enough. */
  static Optional<String> name(String unknown, Collection<String> names) {
    Map<String, String> spellings = new LinkedHashMap<>();
    names.forEach(n -> spellings.putIfAbsent(n, n));
    return closest(unknown, spellings);
  }

  /** Ties go to the earliest spelling, i.e. registry order. */
  private static Optional<String> closest(String unknown, Map<String, String> spellingToTarget) {
    String query = normalise(unknown);
    int limit = Math.max(2, query.length() * 2 / 5);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Map.Entry<String, String> e : spellingToTarget.entrySet()) {
      int d = LEVENSHTEIN.apply(query, normalise(e.getKey()));
      if (d < bestDistance) {
        bestDistance = d;
        best = e.getValue();
      }
    }
    return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
  }

  /** Case and '_' vs '-' are never the point of a typo. */
  private static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
