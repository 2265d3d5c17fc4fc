package io.expertize.train;

import org.tensorflow.Session;

/** Top-1 accuracy and mean loss of the inference pass over an evaluation split, in order. */
final class Evaluator<B> {
  private final TaskGraph<B> task;

  Evaluator(TaskGraph<B> task) {
    this.task = task;
  }

  EvalMetrics evaluate(Session session, Iterable<B> batches, long step, int epoch) {
    EvalCounts sum = EvalCounts.NONE;
    for (B b : batches) {
      sum = sum.plus(task.evaluate(session, b));
    }
    return new EvalMetrics(step, epoch, (double) sum.correct() / sum.count(), sum.lossSum() / sum.count(),
        Math.toIntExact(sum.count()), task.evalUnit());
  }
}
