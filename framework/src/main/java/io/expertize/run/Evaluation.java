package io.expertize.run;

import io.expertize.train.EvalMetrics;
import java.nio.file.Path;

/**
 * A checkpoint of a run scored on the test split: what {@code expertize eval} prints. The metrics are
 * those the trainer logs to metrics.jsonl at each evaluation (top-1 of the class, or of the next token for
 * text; mean cross-entropy).
 *
 * @param checkpoint the ckpt-N directory that was evaluated
 * @param metrics top-1, loss, step, epoch and how many examples (in which unit) were scored
 */
public record Evaluation(Path checkpoint, EvalMetrics metrics) {

  /** Top-1 accuracy, a fraction in [0, 1]. */
  public double top1() {
    return metrics.top1();
  }

  /** Mean cross-entropy per scored unit. */
  public double loss() {
    return metrics.loss();
  }

  /** The training step the checkpoint was written after. */
  public long step() {
    return metrics.step();
  }
}
