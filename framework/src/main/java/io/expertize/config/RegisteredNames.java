package io.expertize.config;

import io.expertize.registry.ProviderHint;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a key accepts because a provider on the class path registered them ({@code model}: ModelProviders,
 * {@code data}: DatasetProviders). No names: not checked.
 */
record RegisteredNames(ConfigKey<String> key, String kind, Set<String> names, Class<?> service) {

  RegisteredNames {
    names = Set.copyOf(names);
  }

  /** Records why {@code value} (from {@code origin}) is not registered: the names, the closest, how to add one. */
  void check(Object value, String origin, List<String> problems) {
    if (names.isEmpty() || value == null || names.contains(value)) {
      return;
    }
    String name = (String) value;
    TreeSet<String> sorted = new TreeSet<>(names);
    problems.add("unknown " + kind + " '" + name + "' for key '" + key.name() + "' in " + origin
        + ClosestMatch.name(name, sorted).map(m -> "; did you mean '" + m + "'?").orElse("")
        + " (registered " + kind + "s: " + String.join(", ", sorted) + "). " + ProviderHint.howToAdd(kind, service));
  }
}
