package io.expertize.distill;

import java.util.Locale;

/**
 * What a teacher's class scores ({@link Teacher#scores}) are, and so what a distillation may use them for:
 * hard distillation needs only their argmax, soft distillation the teacher's distribution,
 * {@code softmax(scores / tau)}.
 */
public enum TeacherScores {
  /** The model's logits (a run's, or a SavedModel's output {@code logits}). */
  LOGITS("logits"),
  /**
   * The log of a SavedModel's output {@code probabilities}: {@code log softmax(z) = z - logsumexp(z)} is the
   * logits minus a per-row constant, which {@code softmax(scores / tau)} ignores at any temperature, so the
   * teacher's distribution is exactly its own. A probability of 0 gives {@code -inf}: a class the teacher
   * excludes.
   */
  LOG_PROBABILITIES("log(probabilities)"),
  /**
   * A SavedModel's only float32 output, named neither {@code logits} nor {@code probabilities}: logits or
   * probabilities, nobody can tell, so only its argmax (the same for either) is used.
   */
  ARGMAX_ONLY("argmax only");

  private final String key;

  TeacherScores(String key) {
    this.key = key;
  }

  /** As {@code teacher.json} and the console say it. */
  public String key() {
    return key;
  }

  /** Whether softmax of the scores is the teacher's class distribution (soft distillation can use them). */
  public boolean givesDistribution() {
    return this != ARGMAX_ONLY;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
