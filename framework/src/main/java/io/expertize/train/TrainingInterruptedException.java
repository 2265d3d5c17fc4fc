package io.expertize.train;

import java.nio.file.Path;

/**
 * Training stopped on request ({@link StopRequest}) after a completed step, whose checkpoint was
 * written; the message says where and how to resume.
 */
public final class TrainingInterruptedException extends RuntimeException {
  private final String reason;
  private final long step;

  TrainingInterruptedException(String reason, long step, Path checkpoint, Path runDirectory) {
    super("interrupted (" + reason + ") after step " + step + "; checkpoint written: " + checkpoint
        + ". Continue with: expertize train --resume " + runDirectory);
    this.reason = reason;
    this.step = step;
  }

  /** Why training stopped, as given to {@link StopRequest#request}. */
  public String reason() {
    return reason;
  }

  /** The last completed step, the step of the checkpoint written. */
  public long step() {
    return step;
  }
}
