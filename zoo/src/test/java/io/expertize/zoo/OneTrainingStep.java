package io.expertize.zoo;

import io.expertize.experts.ExpertPlan;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.AdamW;
import io.expertize.train.ImageClassificationGraph;
import io.expertize.train.TrainingGraph;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointManager;
import java.nio.file.Path;
import java.util.Random;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * One optimizer step of a model on a random batch, then its inference logits on that batch; with a
 * checkpoint directory, the trained variables are saved there (for an export round trip).
 */
record OneTrainingStep(float loss, Shape logitsShape, Checkpoint checkpoint) {
  static OneTrainingStep run(ImageClassifier model, ExpertPlan plan, int batch) {
    return run(model, plan, batch, null);
  }

  static OneTrainingStep run(ImageClassifier model, ExpertPlan plan, int batch, Path checkpoints) {
    var settings = new TrainingGraph.StepSettings(new AdamW(0.9, 0.999, 1e-8, 0.05), 1.0);
    Random random = new Random(7);
    int pixels = model.imageSize() * model.imageSize() * model.channels();
    float[] images = new float[batch * pixels];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextGaussian();
    }
    float[] targets = new float[batch * model.numClasses()];
    for (int i = 0; i < batch; i++) {
      targets[i * model.numClasses() + random.nextInt(model.numClasses())] = 1f;
    }
    try (TrainingGraph<ImageClassificationGraph> g = TrainingGraph.build(model, plan, 1, settings);
        Session s = OneShotSession.open(g.graph);
        TFloat32 x = TFloat32.tensorOf(Shape.of(batch, model.imageSize(), model.imageSize(), model.channels()),
            DataBuffers.of(images, true, false));
        TFloat32 y = TFloat32.tensorOf(Shape.of(batch, model.numClasses()), DataBuffers.of(targets, true, false));
        TInt64 step = TInt64.scalarOf(0);
        TFloat32 lr = TFloat32.scalarOf(1e-3f);
        TFloat32 progress = TFloat32.scalarOf(0.5f)) {
      s.initialize();
      try (Result train = s.runner().feed(g.task.images, x).feed(g.task.targets, y).feed(g.step, step).feed(g.learningRate, lr)
              .feed(g.progress, progress).addTarget(g.trainOp).fetch(g.loss).run();
          Result eval = s.runner().feed(g.task.images, x).fetch(g.task.evalLogits).run()) {
        Checkpoint saved = checkpoints == null ? null : new CheckpointManager(checkpoints, 1).save(s, 1, 0);
        return new OneTrainingStep(((TFloat32) train.get(0)).getFloat(), eval.get(0).shape(), saved);
      }
    }
  }
}
