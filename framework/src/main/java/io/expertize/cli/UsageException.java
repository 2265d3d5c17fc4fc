package io.expertize.cli;

/** A command line that is well-formed but asks for something that cannot be done (exit code 2). */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
