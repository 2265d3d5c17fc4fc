package io.expertize.train;

/**
 * One optimizer step. {@code imagesPerSec} is averaged over the steps since the last log step;
 * {@code logStep} marks the steps that go into metrics.jsonl and TensorBoard.
 */
public record StepMetrics(
    long step, int epoch, double loss, double lr, double gradNorm, double imagesPerSec, boolean logStep) {}
