package io.expertize.train.callbacks;

import io.expertize.train.EvalMetrics;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainingCallback;
import io.expertize.train.io.MetricsLog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Appends one JSON object per log step ({@code kind: train}) and per evaluation ({@code kind: eval}). */
public final class MetricsLogCallback implements TrainingCallback {
  private final MetricsLog log;

  public MetricsLogCallback(Path file) {
    this.log = MetricsLog.open(file);
  }

  @Override
  public void onStep(StepMetrics m) {
    if (!m.logStep()) {
      return;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("loss", m.loss());
    values.put("lr", m.lr());
    values.put("grad_norm", m.gradNorm());
    values.put("images_per_sec", m.imagesPerSec());
    log.log("train", m.step() + 1, m.epoch(), values);
  }

  @Override
  public void onEval(EvalMetrics e) {
    log.log("eval", e.step(), e.epoch(), Map.of("top1", e.top1(), "loss", e.loss(), "examples", e.examples()));
  }

  @Override
  public void close() {
    log.close();
  }
}
