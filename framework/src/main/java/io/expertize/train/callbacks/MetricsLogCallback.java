package io.expertize.train.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.train.EvalMetrics;
import io.expertize.train.RunInfo;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainingCallback;
import io.expertize.train.io.MetricsLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends one JSON object per log step ({@code kind: train}) and per evaluation ({@code kind: eval}).
 * A train line's {@code examples_per_sec} counts the task's training examples (images, sequences;
 * summary.json names the unit); lines written before the rename say {@code images_per_sec}, which
 * {@link #readTrain} reads too. An eval line says what its {@code examples} are ({@code unit}: images,
 * target tokens); lines without one were written for images.
 * A train line carries the graph's diagnostics, when it has any, as one nested object in graph order:
 * {@code "diagnostics": {"blocks.3.mlp/expert_weights": [0.4, 0.6], ...}}. The same class reads the
 * lines back ({@link #readTrain}, {@link #readEval}), so the format is defined in one place.
 */
public final class MetricsLogCallback implements TrainingCallback {
  public static final String TRAIN = "train";
  public static final String EVAL = "eval";
  private static final String DIAGNOSTICS = "diagnostics";
  private static final String EXAMPLES_PER_SEC = "examples_per_sec";
  /** The same rate in lines written before examples_per_sec. */
  private static final String IMAGES_PER_SEC = "images_per_sec";

  private final Path file;
  private MetricsLog log;

  public MetricsLogCallback(Path file) {
    this.file = file;
  }

  /** Opens the log; a resumed run first drops the lines after its checkpoint, which it logs again. */
  @Override
  public void onStart(RunInfo run) {
    if (run.startStep() > 0) {
      try {
        MetricsLog.truncateAfter(file, run.startStep());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot drop the lines after step " + run.startStep() + " from " + file, e);
      }
    }
    log();
  }

  /** The log, opened on first use. */
  private MetricsLog log() {
    if (log == null) {
      log = MetricsLog.open(file);
    }
    return log;
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
    values.put(EXAMPLES_PER_SEC, m.examplesPerSec());
    if (!m.diagnostics().isEmpty()) {
      values.put(DIAGNOSTICS, m.diagnostics());
    }
    log().log(TRAIN, m.step() + 1, m.epoch(), values);
  }

  @Override
  public void onEval(EvalMetrics e) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("top1", e.top1());
    values.put("loss", e.loss());
    values.put("examples", e.examples());
    values.put("unit", e.unit());
    log().log(EVAL, e.step(), e.epoch(), values);
  }

  @Override
  public void close() {
    if (log != null) {
      log.close();
    }
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
        number(line, "lr"), number(line, "grad_norm"),
        line.has(EXAMPLES_PER_SEC) ? number(line, EXAMPLES_PER_SEC) : number(line, IMAGES_PER_SEC), true, diagnostics);
  }

  /** An {@code eval} line. */
  public static EvalMetrics readEval(ObjectNode line) {
    return new EvalMetrics(line.path("step").asLong(), line.path("epoch").asInt(), number(line, "top1"),
        number(line, "loss"), line.path("examples").asInt(), line.path("unit").asText("images"));
  }

  /** A missing value (a line from an older version) reads as NaN, which plots leave out. */
  private static double number(ObjectNode line, String key) {
    return line.path(key).asDouble(Double.NaN);
  }
}
