package io.expertize.export;

/**
 * An export that cannot be made as asked: a target that exists, a run that cannot be fused exactly,
 * a bad name or version. The message names the path or option and what would be valid; the CLI
 * maps it to exit code 2. Nothing was written.
 */
public final class ExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExportException(String message) {
    super(message);
  }

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
