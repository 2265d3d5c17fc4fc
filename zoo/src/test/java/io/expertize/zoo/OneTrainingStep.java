package io.expertize.zoo;

import io.expertize.experts.ExpertPlan;
import io.expertize.graph.Module;
import io.expertize.train.AdamW;
import io.expertize.train.Feeds;
import io.expertize.train.TaskGraph;
import io.expertize.train.TrainingGraph;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointManager;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * One optimizer step of a model on one batch, through the framework's training graph with the
 * task's graph part (image classification, text to text), then its inference logits on that batch;
 * with a checkpoint directory, the trained variables are saved there (for an export round trip).
 *
 * @param trainableParameters scalars the optimizer updated (the dense model's count under a dense plan)
 */
record OneTrainingStep(float loss, Shape logitsShape, long trainableParameters, Checkpoint checkpoint) {

  static <B, G extends TaskGraph<B>> OneTrainingStep run(Module model, TaskGraph.Factory<G> taskGraph,
      Function<G, Operand<TFloat32>> evalLogits, ExpertPlan plan, B batch, Path checkpoints) {
    var settings = new TrainingGraph.StepSettings(new AdamW(0.9, 0.999, 1e-8, 0.05), OptionalDouble.of(1.0));
    try (TrainingGraph<G> g = TrainingGraph.build(model, taskGraph, plan, 1, settings);
        Session s = OneShotSession.open(g.graph);
        Feeds train = g.task.feeds(batch);
        Feeds eval = g.task.feeds(batch);
        TInt64 step = TInt64.scalarOf(0);
        TFloat32 lr = TFloat32.scalarOf(1e-3f);
        TFloat32 progress = TFloat32.scalarOf(0.5f)) {
      s.initialize();
      try (Result trained = train.into(s.runner()).feed(g.step, step).feed(g.learningRate, lr).feed(g.progress, progress)
              .addTarget(g.trainOp).fetch(g.loss).run();
          Result logits = eval.into(s.runner()).fetch(evalLogits.apply(g.task)).run()) {
        Checkpoint saved = checkpoints == null ? null : new CheckpointManager(checkpoints, 1).save(s, 1, 0);
        return new OneTrainingStep(((TFloat32) trained.get(0)).getFloat(), logits.get(0).shape(),
            g.trainingParameterCount(), saved);
      }
    }
  }
}
