package io.expertize.train;

/** Observes a run: progress display, metrics.jsonl, TensorBoard. Called on the training thread. */
public interface TrainingCallback extends AutoCloseable {
  default void onStart(RunInfo run) {}

  /** After every optimizer step. */
  default void onStep(StepMetrics step) {}

  default void onEval(EvalMetrics eval) {}

  default void onEnd(TrainingSummary summary) {}

  @Override
  default void close() {}
}
