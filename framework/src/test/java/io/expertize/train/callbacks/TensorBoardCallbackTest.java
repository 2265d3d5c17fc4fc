package io.expertize.train.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.expertize.train.StepMetrics;
import io.expertize.train.io.EventFileReader;
import io.expertize.train.io.ScalarEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnostics become train scalars under experts/ (distillation/ keeps its own): one tag per scalar, one per expert for vectors. */
class TensorBoardCallbackTest {

  @TempDir Path dir;

  @Test
  void diagnosticsAreScalarsUnderExperts() throws IOException {
    try (TensorBoardCallback cb = new TensorBoardCallback(dir.resolve("train"), dir.resolve("eval"))) {
      Map<String, float[]> diagnostics = new LinkedHashMap<>(MetricsLogCallbackTest.diagnostics());
      diagnostics.put("distillation/teacher_agreement", new float[] {0.5f});
      cb.onStep(new StepMetrics(9, 0, 1.5, 1e-3, 2.0, 100, true, diagnostics));
      cb.onStep(new StepMetrics(10, 0, 1.4, 1e-3, 2.0, 100, false)); // not a log step: nothing
    }
    assertThat(EventFileReader.readScalarsIn(dir.resolve("train")))
        .filteredOn(e -> e.tag().startsWith("experts/"))
        .extracting(ScalarEvent::tag, ScalarEvent::step, ScalarEvent::value)
        .containsExactly(
            tuple("experts/blocks.10.mlp/expert_weights/0", 10L, 0.25f),
            tuple("experts/blocks.10.mlp/expert_weights/1", 10L, 0.75f),
            tuple("experts/blocks.10.mlp/router_entropy", 10L, 0.6931f),
            tuple("experts/stages.1.blocks.0.mlp/load/0", 10L, 0.1f),
            tuple("experts/stages.1.blocks.0.mlp/load/1", 10L, Float.NaN),
            tuple("experts/stages.1.blocks.0.mlp/load/2", 10L, 0.9f));
    assertThat(EventFileReader.readScalarsIn(dir.resolve("train"))).extracting(ScalarEvent::step).containsOnly(10L);
    assertThat(EventFileReader.readScalarsIn(dir.resolve("train")))
        .filteredOn(e -> e.tag().startsWith("distillation/"))
        .extracting(ScalarEvent::tag, ScalarEvent::value)
        .containsExactly(tuple("distillation/teacher_agreement", 0.5f));
    assertThat(EventFileReader.readScalarsIn(dir.resolve("train")))
        .filteredOn(e -> !e.tag().startsWith("experts/") && !e.tag().startsWith("distillation/"))
        .extracting(ScalarEvent::tag, ScalarEvent::value)
        .containsExactly(tuple("loss", 1.5f), tuple("lr", 1e-3f), tuple("grad_norm", 2.0f), tuple("examples_per_sec", 100f));
  }
}
