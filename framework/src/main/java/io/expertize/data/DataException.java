package io.expertize.data;

/**
 * A data file or directory is missing, malformed or inconsistent. The message names the input
 * and says what was expected, so a user can act on it without a stack trace.
 */
public class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
