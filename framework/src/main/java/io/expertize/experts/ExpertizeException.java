package io.expertize.experts;

import java.util.List;

/**
 * A model's {@code @Expertize} / {@code @FusionScheme} values (or the {@code fusion.*} keys that
 * override them) that cannot be built: each problem names the class, field or key, the value, and
 * what would be valid. All problems are reported at once. The CLI maps it to exit code 2.
 */
public final class ExpertizeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ExpertizeException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an ExpertizeException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public ExpertizeException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
