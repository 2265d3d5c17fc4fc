package io.expertize.train.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.train.RunInfo;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainingSummary;
import io.expertize.train.plots.ExpertWeightsPlot;
import io.expertize.train.plots.PlotData;
import io.expertize.train.plots.RunHistory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsCallbackTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private PlotsCallback callback(Path runDir) {
    return new PlotsCallback(runDir, dir.resolve("metrics.jsonl"), new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @Test
  void figuresAfterEveryEvaluation() throws IOException {
    PlotsCallback cb = callback(dir);
    cb.onStart(new RunInfo("tiny", "dynamic", 1, 1, 0, 200, 100));
    List<StepMetrics> steps = PlotData.logSteps(200, 3, 4, true);
    steps.subList(0, 10).forEach(cb::onStep);
    cb.onEval(PlotData.eval(100));

    // sizes and content are the plots' own tests; here: all three are there and decode
    assertThat(image(PlotsCallback.LOSS_CURVES)).isNotNull();
    assertThat(image(PlotsCallback.EXPERT_WEIGHTS)).isNotNull();
    assertThat(image(PlotsCallback.EXPERT_LOAD)).isNotNull();
    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void noExpertDiagnosticsNoExpertFigures() throws IOException {
    PlotsCallback cb = callback(dir);
    cb.onStep(new StepMetrics(9, 0, 2.0, 1e-3, 1.0, 100, true));
    cb.onEval(PlotData.eval(10));
    assertThat(image(PlotsCallback.LOSS_CURVES)).isNotNull();
    assertThat(dir.resolve(PlotsCallback.EXPERT_WEIGHTS)).doesNotExist();
    assertThat(dir.resolve(PlotsCallback.EXPERT_LOAD)).doesNotExist();
  }

  @Test
  void endDrawsOnlyWhatTheLastEvaluationHasNotShown() throws IOException {
    PlotsCallback cb = callback(dir);
    cb.onStep(new StepMetrics(9, 0, 2.0, 1e-3, 1.0, 100, true));
    cb.onEval(PlotData.eval(10));
    Files.delete(dir.resolve(PlotsCallback.LOSS_CURVES));
    cb.onEnd(summary());
    assertThat(dir.resolve(PlotsCallback.LOSS_CURVES)).doesNotExist(); // nothing new since the evaluation

    cb.onStep(new StepMetrics(19, 0, 1.0, 1e-3, 1.0, 100, true));
    cb.onEnd(summary());
    assertThat(dir.resolve(PlotsCallback.LOSS_CURVES)).exists();
  }

  @Test
  void aResumedRunSeedsItsHistoryFromMetricsJsonlUpToTheResumeStep() throws IOException {
    // The first process logged 150 steps and evaluated at 50 and 100, but its last checkpoint is step 100:
    // the resumed run trains 101..150 again, so the lines after step 100 must not be seeded.
    try (MetricsLogCallback log = new MetricsLogCallback(dir.resolve("metrics.jsonl"))) {
      PlotData.logSteps(150, 2, 3, false).forEach(log::onStep);
      log.onEval(PlotData.eval(50));
      log.onEval(PlotData.eval(100));
    }
    PlotsCallback cb = callback(dir);
    cb.onStart(new RunInfo("tiny", "dynamic", 1, 1, 100, 200, 50));

    RunHistory seeded = cb.history();
    assertThat(seeded.trainLoss()).extracting(RunHistory.Loss::step).containsExactly(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);
    assertThat(seeded.evals()).extracting(e -> e.step()).containsExactly(50L, 100L);
    var weights = seeded.diagnostic(ExpertWeightsPlot.WEIGHTS);
    assertThat(weights.keySet()).containsExactly("blocks.0.mlp", "blocks.1.mlp");
    assertThat(weights.get("blocks.1.mlp")).hasSize(10);
    assertThat(weights.get("blocks.1.mlp").get(9).values())
        .containsExactly(PlotData.logSteps(150, 2, 3, false).get(9).diagnostics().get("blocks.1.mlp/expert_weights"));

    cb.onEnd(summary()); // nothing trained since: still draws the run so far
    assertThat(image(PlotsCallback.EXPERT_WEIGHTS)).isNotNull();
  }

  @Test
  void anUnwritableDirectoryIsAWarningNotAFailure() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x"); // unwritable even for root
    PlotsCallback cb = callback(notADirectory);
    cb.onStep(new StepMetrics(9, 0, 2.0, 1e-3, 1.0, 100, true));
    cb.onEval(PlotData.eval(10));

    String warning = stderr.toString(StandardCharsets.UTF_8);
    assertThat(warning).startsWith("warning: cannot draw the plots in " + notADirectory).endsWith("training continues\n");
    assertThat(warning.lines()).hasSize(1);
  }

  @Test
  void anUnreadableMetricsLogIsAWarningAndTheRunGoesOn() throws IOException {
    Files.writeString(dir.resolve("metrics.jsonl"), "{\"kind\":\"train\"}\nnot json\n{}\n");
    PlotsCallback cb = callback(dir);
    cb.onStart(new RunInfo("tiny", "dynamic", 1, 1, 100, 200, 50));
    assertThat(stderr.toString(StandardCharsets.UTF_8)).startsWith("warning: cannot read ").contains("metrics.jsonl:2");
    assertThat(cb.history().isEmpty()).isTrue();
  }

  private BufferedImage image(String name) throws IOException {
    return ImageIO.read(dir.resolve(name).toFile());
  }

  private static TrainingSummary summary() {
    return new TrainingSummary("tiny", "dw", 4, "all", java.util.List.of("blocks.0.mlp"), 1, 2, 200, 2, 0.5, 100, "images", 1, null, java.util.List.of(), 0);
  }
}
