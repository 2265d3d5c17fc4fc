package io.expertize.train;

import io.expertize.experts.ExpertPlan;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointManager;
import org.tensorflow.Session;

/** Evaluates a checkpoint of a run outside training. */
public final class ModelEvaluation {
  private ModelEvaluation() {}

  public static <B> EvalMetrics evaluate(Task<B> task, ExpertPlan experts, TrainSettings s, Checkpoint checkpoint) {
    // The training graph, so that the checkpoint's variables (slots included) all have a home.
    try (TrainingGraph<TaskGraph<B>> graph =
            TrainingGraph.build(task, experts, s.seed(), new TrainingGraph.StepSettings(s.optimizer(), s.gradClip()));
        Session session = new Session(graph.graph)) {
      new CheckpointManager(checkpoint.path().getParent(), Integer.MAX_VALUE).restore(session, checkpoint);
      return new Evaluator<>(graph.task).evaluate(session, task.evalBatches(s),
          checkpoint.step(), (int) checkpoint.meta().epoch());
    }
  }
}
