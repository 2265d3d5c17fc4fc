package io.expertize.train;

/** Observes a run: progress display, metrics.jsonl, TensorBoard. Called on the training thread. */
public interface TrainingCallback extends AutoCloseable {
  default void onStart(RunInfo run) {}

  /** After every optimizer step. */
  default void onStep(StepMetrics step) {}

  default void onEval(EvalMetrics eval) {}

  /**
   * Just before checkpoint {@code step} is written: make everything recorded up to it durable (flush),
   * since a resumed run continues after it and does not record those steps again.
   */
  default void beforeCheckpoint(long step) {}

  default void onEnd(TrainingSummary summary) {}

  @Override
  default void close() {}
}
