package io.expertize.train;

import io.expertize.data.EvalBatches;
import io.expertize.data.ImageDataset;
import io.expertize.data.Normalization;
import io.expertize.experts.ExpertPlan;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointManager;
import org.tensorflow.Session;

/** Evaluates a checkpoint of a run outside training. */
public final class ModelEvaluation {
  private ModelEvaluation() {}

  public static EvalMetrics evaluate(
      ImageClassifier model, ExpertPlan experts, ImageDataset test, Normalization normalization, TrainSettings s,
      Checkpoint checkpoint) {
    // The training graph, so that the checkpoint's variables (slots included) all have a home.
    try (TrainingGraph graph =
            TrainingGraph.build(model, experts, s.seed(), new TrainingGraph.StepSettings(s.optimizer(), s.gradClip()));
        Session session = new Session(graph.graph)) {
      new CheckpointManager(checkpoint.path().getParent(), Integer.MAX_VALUE).restore(session, checkpoint);
      return new Evaluator(graph).evaluate(session, new EvalBatches(test, s.evalBatchSize(), normalization),
          checkpoint.step(), (int) checkpoint.meta().epoch());
    }
  }
}
