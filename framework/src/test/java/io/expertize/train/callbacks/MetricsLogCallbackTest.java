package io.expertize.train.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.train.EvalMetrics;
import io.expertize.train.StepMetrics;
import io.expertize.train.io.MetricsLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train lines carry the diagnostics as one nested object and the throughput as examples_per_sec; eval
 * lines say their unit; every line reads back as it was written, and lines of older versions still read.
 */
class MetricsLogCallbackTest {

  @TempDir Path dir;

  static Map<String, float[]> diagnostics() {
    Map<String, float[]> d = new LinkedHashMap<>();
    d.put("blocks.10.mlp/expert_weights", new float[] {0.25f, 0.75f});
    d.put("blocks.10.mlp/router_entropy", new float[] {0.6931f});
    d.put("stages.1.blocks.0.mlp/load", new float[] {0.1f, Float.NaN, 0.9f});
    return d;
  }

  @Test
  void diagnosticsAreANestedObjectInGraphOrder() throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    try (MetricsLogCallback cb = new MetricsLogCallback(file)) {
      cb.onStep(new StepMetrics(9, 0, 1.5, 1e-3, 2.0, 100, true, diagnostics()));
    }
    ObjectNode line = MetricsLog.read(file).get(0);
    assertThat(line.get("diagnostics").toString()).isEqualTo(
        "{\"blocks.10.mlp/expert_weights\":[0.25,0.75],\"blocks.10.mlp/router_entropy\":[0.6931],"
            + "\"stages.1.blocks.0.mlp/load\":[0.1,\"NaN\",0.9]}");
  }

  @Test
  void noDiagnosticsNoKey() throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    try (MetricsLogCallback cb = new MetricsLogCallback(file)) {
      cb.onStep(new StepMetrics(9, 0, 1.5, 1e-3, 2.0, 100, true));
      cb.onStep(new StepMetrics(10, 0, 1.5, 1e-3, 2.0, 100, false, diagnostics())); // not a log step
    }
    List<ObjectNode> lines = MetricsLog.read(file);
    assertThat(lines).singleElement().satisfies(l -> assertThat(l.has("diagnostics")).isFalse());
  }

  @Test
  void linesReadBackAsTheMetricsTheyWereWrittenFrom() throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    StepMetrics step = new StepMetrics(99, 1, 0.75, 5e-4, 1.25, 321.5, true, diagnostics());
    EvalMetrics eval = new EvalMetrics(100, 1, 0.875, 0.5, 1000, "target tokens");
    try (MetricsLogCallback cb = new MetricsLogCallback(file)) {
      cb.onStep(step);
      cb.onEval(eval);
    }
    List<ObjectNode> lines = MetricsLog.read(file);

    StepMetrics back = MetricsLogCallback.readTrain(lines.get(0));
    assertThat(back).usingRecursiveComparison().ignoringFields("diagnostics").isEqualTo(step);
    step.diagnostics().forEach((k, v) -> assertThat(back.diagnostics().get(k)).containsExactly(v));
    assertThat(back.diagnostics().keySet()).containsExactlyElementsOf(step.diagnostics().keySet());
    assertThat(MetricsLogCallback.readEval(lines.get(1))).isEqualTo(eval);
    assertThat(lines.get(0).get("examples_per_sec").asDouble()).isEqualTo(321.5);
    assertThat(lines.get(0).has("images_per_sec")).isFalse();
    assertThat(lines.get(1).get("unit").asText()).isEqualTo("target tokens");
  }

  /** Lines written before examples_per_sec and the eval unit (a resumed run appends to them). */
  @Test
  void linesOfEarlierVersionsReadBack() throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    java.nio.file.Files.writeString(file,
        "{\"kind\":\"train\",\"step\":50,\"epoch\":0,\"loss\":1.5,\"lr\":0.001,\"grad_norm\":2.0,"
            + "\"images_per_sec\":512.3,\"time\":1.7E9}\n"
            + "{\"kind\":\"eval\",\"step\":100,\"epoch\":0,\"top1\":0.5,\"loss\":1.25,\"examples\":1000,"
            + "\"time\":1.7E9}\n");
    List<ObjectNode> lines = MetricsLog.read(file);
    assertThat(MetricsLogCallback.readTrain(lines.get(0)).examplesPerSec()).isEqualTo(512.3);
    assertThat(MetricsLogCallback.readEval(lines.get(1))).isEqualTo(new EvalMetrics(100, 0, 0.5, 1.25, 1000, "images"));
  }
}
