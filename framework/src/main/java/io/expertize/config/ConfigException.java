package io.expertize.config;

import java.util.List;

/**
 * A configuration the user can fix: unknown keys, bad values, unreadable files, malformed
 * {@code --set} arguments. Carries every problem found, one per line in {@link #getMessage()},
 * so a user fixes them all in one round. The CLI maps it to exit code 2.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** Creates an exception reporting {@code problems}, which must not be empty. */
  public ConfigException(List<String> problems) {
    super(String.join("\n", requireNonEmpty(problems)));
    this.problems = List.copyOf(problems);
  }

  /** Creates an exception reporting a single problem. */
  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** The problems, in the order they were found; each is a complete sentence naming its source. */
  public List<String> problems() {
    return problems;
  }

  private static List<String> requireNonEmpty(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    return problems;
  }
}
