package io.expertize.train.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.train.EvalMetrics;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainingCallback;
import io.expertize.train.io.MetricsLog;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends one JSON object per log step ({@code kind: train}) and per evaluation ({@code kind: eval}).
 * A train line carries the graph's diagnostics, when it has any, as one nested object in graph order:
 * {@code "diagnostics": {"blocks.3.mlp/expert_weights": [0.4, 0.6], ...}}. The same class reads the
 * lines back ({@link #readTrain}, {@link #readEval}), so the format is defined in one place.
 */
public final class MetricsLogCallback implements TrainingCallback {
  public static final String TRAIN = "train";
  public static final String EVAL = "eval";
  private static final String DIAGNOSTICS = "diagnostics";

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
    if (!m.diagnostics().isEmpty()) {
      values.put(DIAGNOSTICS, m.diagnostics());
    }
    log.log(TRAIN, m.step() + 1, m.epoch(), values);
  }

  @Override
  public void onEval(EvalMetrics e) {
    log.log(EVAL, e.step(), e.epoch(), Map.of("top1", e.top1(), "loss", e.loss(), "examples", e.examples()));
  }

  @Override
  public void close() {
    log.close();
  }

  /** A {@code train} line as the log step it was written from (the line counts completed steps). */
  public static StepMetrics readTrain(ObjectNode line) {
    Map<String, float[]> diagnostics = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = line.path(DIAGNOSTICS).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> d = it.next();
      float[] values = new float[d.getValue().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) d.getValue().get(i).asDouble(); // "NaN" and "Infinity" parse back too
      }
      diagnostics.put(d.getKey(), values);
    }
    return new StepMetrics(line.path("step").asLong() - 1, line.path("epoch").asInt(), number(line, "loss"),
        number(line, "lr"), number(line, "grad_norm"), number(line, "images_per_sec"), true, diagnostics);
  }

  /** An {@code eval} line. */
  public static EvalMetrics readEval(ObjectNode line) {
    return new EvalMetrics(line.path("step").asLong(), line.path("epoch").asInt(), number(line, "top1"),
        number(line, "loss"), line.path("examples").asInt());
  }

  /** A missing value (a line from an older version) reads as NaN, which plots leave out. */
  private static double number(ObjectNode line, String key) {
    return line.path(key).asDouble(Double.NaN);
  }
}
