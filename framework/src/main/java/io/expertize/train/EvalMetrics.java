package io.expertize.train;

/** Top-1 accuracy and mean cross-entropy on the evaluation split after {@code step} steps. */
public record EvalMetrics(long step, int epoch, double top1, double loss, int examples) {}
