package io.expertize.train;

import io.expertize.data.Batch;
import io.expertize.data.EvalBatches;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Top-1 accuracy and mean cross-entropy of the inference pass over an evaluation split, in order. */
final class Evaluator {
  private final TrainingGraph graph;

  Evaluator(TrainingGraph graph) {
    this.graph = graph;
  }

  EvalMetrics evaluate(Session session, EvalBatches batches, long step, int epoch) {
    long correct = 0;
    double lossSum = 0;
    int n = 0;
    for (Batch b : batches) {
      try (TFloat32 images = Feeds.images(b);
          TFloat32 targets = Feeds.targets(b);
          Result r = session.runner()
              .feed(graph.images, images).feed(graph.targets, targets)
              .fetch(graph.evalPredictions).fetch(graph.evalLossSum).run()) {
        TInt64 predictions = (TInt64) r.get(0);
        for (int i = 0; i < b.size(); i++) {
          if (predictions.getLong(i) == b.labels()[i]) {
            correct++;
          }
        }
        lossSum += ((TFloat32) r.get(1)).getFloat();
        n += b.size();
      }
    }
    return new EvalMetrics(step, epoch, (double) correct / n, lossSum / n, n);
  }
}
