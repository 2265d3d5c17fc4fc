package io.expertize.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One optimizer step. {@code examplesPerSec} (training examples of the task's {@link ExampleUnit}: images,
 * sequences) is averaged over the steps since the last log step;
 * {@code logStep} marks the steps that go into metrics.jsonl and TensorBoard.
 *
 * <p>{@code diagnostics} is filled on log steps only: values the graph reports about itself, keyed
 * {@code <layer path>/<name>} ({@code blocks.3.mlp/expert_weights}, {@code blocks.3.mlp/router_entropy}),
 * each a scalar (length 1) or one value per expert.
 */
public record StepMetrics(
    long step, int epoch, double loss, double lr, double gradNorm, double examplesPerSec, boolean logStep,
    Map<String, float[]> diagnostics) {

  public StepMetrics {
    diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics)); // graph order: layer by layer
  }

  public StepMetrics(long step, int epoch, double loss, double lr, double gradNorm, double examplesPerSec, boolean logStep) {
    this(step, epoch, loss, lr, gradNorm, examplesPerSec, logStep, Map.of());
  }
}
