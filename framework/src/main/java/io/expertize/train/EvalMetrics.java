package io.expertize.train;

/**
 * Top-1 accuracy and mean cross-entropy on the evaluation split after {@code step} steps, over
 * {@code examples} scored {@code unit}s (images; target tokens of a text model).
 */
public record EvalMetrics(long step, int epoch, double top1, double loss, int examples, String unit) {

  /** Scored by image. */
  public EvalMetrics(long step, int epoch, double top1, double loss, int examples) {
    this(step, epoch, top1, loss, examples, "images");
  }
}
