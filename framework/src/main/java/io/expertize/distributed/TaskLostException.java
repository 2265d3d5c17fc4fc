package io.expertize.distributed;

/** A step failed because tasks of the cluster are gone; the message names them (exit code 1: the run failed). */
public final class TaskLostException extends RuntimeException {
  public TaskLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
