package io.expertize.train;

import java.nio.file.Path;

/**
 * {@code --resume} of a run that has trained all its steps and written its summary: there is
 * nothing to continue, and the finished run's record is left as it is. A usage error (exit code 2).
 */
public final class RunFinishedException extends RuntimeException {

  RunFinishedException(Path runDirectory, long step, long total) {
    super("the run in " + runDirectory + " has finished: its last checkpoint is step " + step + " of " + total
        + " and summary.json is written, so --resume has nothing to continue and changes nothing. To train"
        + " further, start a new run with more steps or epochs (train.steps, or train.epochs when train.steps"
        + " is epochs), e.g. expertize train --config " + runDirectory.resolve("config.yaml") + " --set train.steps="
        + 2 * total + " --out NEW_DIR");
  }
}
