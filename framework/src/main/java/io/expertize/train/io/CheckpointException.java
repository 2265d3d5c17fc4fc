package io.expertize.train.io;

import java.nio.file.Path;

/**
 * A checkpoint cannot be written, found or restored. The message names the checkpoint's path
 * and what is wrong with it.
 */
public final class CheckpointException extends RuntimeException {

  private final transient Path path;
  private final String problem;

  public CheckpointException(Path path, String problem) {
    this(path, problem, null);
  }

  public CheckpointException(Path path, String problem, Throwable cause) {
    super("checkpoint " + path + ": " + problem, cause);
    this.path = path;
    this.problem = problem;
  }

  /** What is wrong, without the path. */
  public String problem() {
    return problem;
  }

  /** The checkpoint (or checkpoints directory) concerned. */
  public Path path() {
    return path;
  }
}
