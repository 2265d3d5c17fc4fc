package io.expertize.train.io;

import java.nio.file.Path;

/**
 * A directory is locked by another process ({@link DirectoryLock}): a usage error (exit code 2)
 * whose message names the holder.
 */
public final class DirectoryLockedException extends RuntimeException {

  private final transient Path directory;

  public DirectoryLockedException(Path directory, String message) {
    super(message);
    this.directory = directory;
  }

  /** The locked directory. */
  public Path directory() {
    return directory;
  }
}
