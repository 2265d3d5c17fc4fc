package io.expertize.experiments.study;

/** Where a cell stands. */
public enum CellStatus {
  /** Not started, or stopped with its runner (it resumes from its checkpoint next time). */
  PENDING,
  /** A child JVM is training it. */
  RUNNING,
  /** Its summary.json is written. */
  DONE,
  /** Its child failed (exception, diverged loss); the record holds the error. Not retried unless asked. */
  FAILED
}
