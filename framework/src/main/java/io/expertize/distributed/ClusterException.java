package io.expertize.distributed;

/** A cluster that cannot run as described: bad cluster file or TF_CONFIG, or a task that does not answer. */
public final class ClusterException extends RuntimeException {
  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
