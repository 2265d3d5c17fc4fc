package io.expertize.train.plots;

import io.expertize.train.EvalMetrics;
import io.expertize.train.StepMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** A made-up run with expert sets: weights that drift apart per layer, a falling loss, rising top-1. */
public final class PlotData {
  private PlotData() {}

  /** The log steps of {@code steps} steps (every 10th), each layer {@code blocks.<l>.mlp} with {@code experts} experts. */
  public static List<StepMetrics> logSteps(long steps, int layers, int experts, boolean load) {
    return LongStream.range(0, steps / 10).map(i -> 10 * i + 9)
        .mapToObj(step -> new StepMetrics(step, 0, loss(step), 1e-3, 1.0, 100, true, diagnostics(step, layers, experts, load)))
        .toList();
  }

  public static EvalMetrics eval(long step) {
    return new EvalMetrics(step, 0, 0.5 + step / 1000.0, loss(step) + 0.1, 100);
  }

  public static RunHistory history(long steps, int layers, int experts, boolean load) {
    RunHistory h = new RunHistory();
    logSteps(steps, layers, experts, load).forEach(h::add);
    for (long step = 100; step <= steps; step += 100) {
      h.add(eval(step));
    }
    return h;
  }

  private static double loss(long step) {
    return 2.3 * Math.exp(-step / 150.0) + 0.3;
  }

  private static Map<String, float[]> diagnostics(long step, int layers, int experts, boolean load) {
    Map<String, float[]> d = new LinkedHashMap<>();
    for (int l = 0; l < layers; l++) {
      float[] w = new float[experts];
      float sum = 0;
      for (int i = 0; i < experts; i++) { // a softmax of logits drifting apart, largest logit 0 so it cannot overflow
        w[i] = (float) Math.exp((i - (experts - 1)) * (l + 1) * step / 2000.0);
        sum += w[i];
      }
      for (int i = 0; i < experts; i++) {
        w[i] /= sum;
      }
      d.put("blocks." + l + ".mlp/" + ExpertWeightsPlot.WEIGHTS, w);
      d.put("blocks." + l + ".mlp/router_entropy", new float[] {1f});
      if (load) {
        d.put("blocks." + l + ".mlp/" + ExpertWeightsPlot.LOAD, w.clone());
      }
    }
    return d;
  }
}
