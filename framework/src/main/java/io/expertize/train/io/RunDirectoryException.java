package io.expertize.train.io;

import java.nio.file.Path;

/**
 * The run directory cannot be used as asked: a usage error (exit code 2) whose message names
 * the directory and says which option would work.
 */
public final class RunDirectoryException extends RuntimeException {

  private final transient Path directory;

  public RunDirectoryException(Path directory, String message) {
    this(directory, message, null);
  }

  public RunDirectoryException(Path directory, String message, Throwable cause) {
    super(message, cause);
    this.directory = directory;
  }

  /** The directory concerned. */
  public Path directory() {
    return directory;
  }
}
