package io.expertize.train.plots;

import io.expertize.train.EvalMetrics;
import io.expertize.train.StepMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the plots draw: a run's log steps and evaluations in the order they happened. Steps count
 * completed optimizer steps, as metrics.jsonl and TensorBoard do, so the three agree.
 */
public final class RunHistory {

  /** One value of a diagnostic at a step: a scalar (length 1) or one value per expert. */
  public record Sample(long step, float[] values) {}

  /** A training loss at a log step. */
  public record Loss(long step, double loss) {}

  private final List<StepMetrics> logSteps = new ArrayList<>();
  private final List<EvalMetrics> evals = new ArrayList<>();

  /** Keeps {@code m} if it is a log step (the others carry no diagnostics and would only crowd the curve). */
  public void add(StepMetrics m) {
    if (m.logStep()) {
      logSteps.add(m);
    }
  }

  public void add(EvalMetrics e) {
    evals.add(e);
  }

  public List<Loss> trainLoss() {
    return logSteps.stream().map(m -> new Loss(completed(m), m.loss())).toList();
  }

  public List<EvalMetrics> evals() {
    return Collections.unmodifiableList(evals);
  }

  /**
   * The samples of diagnostic {@code name} (e.g. {@code expert_weights}) per layer path, layers in
   * graph order. Keys are {@code <layer>/<name>} and layer paths hold no '/', so the first one splits.
   */
  public Map<String, List<Sample>> diagnostic(String name) {
    Map<String, List<Sample>> byLayer = new LinkedHashMap<>();
    for (StepMetrics m : logSteps) {
      m.diagnostics().forEach((key, values) -> {
        int slash = key.indexOf('/');
        if (slash > 0 && key.substring(slash + 1).equals(name)) {
          byLayer.computeIfAbsent(key.substring(0, slash), k -> new ArrayList<>()).add(new Sample(completed(m), values));
        }
      });
    }
    return byLayer;
  }

  public boolean isEmpty() {
    return logSteps.isEmpty() && evals.isEmpty();
  }

  private static long completed(StepMetrics m) {
    return m.step() + 1;
  }
}
