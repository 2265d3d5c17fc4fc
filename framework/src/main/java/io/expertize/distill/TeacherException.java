package io.expertize.distill;

/**
 * A teacher that cannot teach this student: a path that holds neither a SavedModel nor a run, a text
 * model, other images or classes than the student's, or a model that fails on the student's batch.
 * The message says what was found and what would be valid; the caller names the configuration key.
 */
public final class TeacherException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TeacherException(String message) {
    super(message);
  }

  public TeacherException(String message, Throwable cause) {
    super(message, cause);
  }
}
