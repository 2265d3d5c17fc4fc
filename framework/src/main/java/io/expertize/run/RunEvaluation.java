package io.expertize.run;

import io.expertize.train.EvalMetrics;
import io.expertize.train.ModelEvaluation;
import io.expertize.train.TrainSettings;
import io.expertize.train.io.Checkpoint;
import io.expertize.wiring.RunWiring;
import io.expertize.wiring.TrainedRun;

/** Scores a run's checkpoint on the test split, read from the run directory alone (its config.yaml and checkpoints). */
public final class RunEvaluation {
  private RunEvaluation() {}

  /**
   * The run wired as it trained, its checkpoint restored into the training graph and evaluated on the
   * evaluation batches of its configuration; nothing in the run directory is written.
   *
   * @throws io.expertize.train.io.RunDirectoryException if the directory holds no run
   * @throws io.expertize.train.io.CheckpointException if the run has no intact checkpoint
   */
  public static Evaluation evaluate(EvalRequest request) {
    return GuiceErrors.unwrapped(() -> {
      TrainedRun run = TrainedRun.open(request.runDir(), RunOverrides.data(request.data()));
      Checkpoint checkpoint = run.checkpoint(request.checkpoint().orElse(null));
      EvalMetrics metrics = ModelEvaluation.evaluate(RunWiring.task(run.injector()), run.plan(),
          run.injector().getInstance(TrainSettings.class), checkpoint);
      return new Evaluation(checkpoint.path(), metrics);
    });
  }
}
