package io.expertize.train.callbacks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.train.EvalMetrics;
import io.expertize.train.RunInfo;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainingCallback;
import io.expertize.train.TrainingSummary;
import io.expertize.train.io.MetricsLog;
import io.expertize.train.io.RunDirectory;
import io.expertize.train.plots.ExpertWeightsPlot;
import io.expertize.train.plots.LossCurvesPlot;
import io.expertize.train.plots.RunHistory;
import java.awt.AWTError;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Draws the run's figures into its directory after every evaluation and at the end, so a long run can
 * be watched while it trains: {@value #LOSS_CURVES} always, {@value #EXPERT_WEIGHTS} and
 * {@value #EXPERT_LOAD} once the graph reports expert weights or router load.
 *
 * <p>A resumed run's earlier steps exist only in metrics.jsonl; they seed the history up to the step
 * the run resumes from (later lines were written after the checkpoint and are trained again).
 *
 * <p>The figures are a convenience: a failure to read or draw is one warning line and training goes on.
 */
public final class PlotsCallback implements TrainingCallback {
  public static final String LOSS_CURVES = "loss_curves.png";
  public static final String EXPERT_WEIGHTS = "expert_weights.png";
  public static final String EXPERT_LOAD = "expert_load.png";

  private final Path dir;
  private final Path metricsFile;
  private final PrintStream warnings;
  private final RunHistory history = new RunHistory();
  private boolean stale; // the history has more than the figures on disk show

  public PlotsCallback(RunDirectory run) {
    this(run.root(), run.metricsFile(), System.err);
  }

  PlotsCallback(Path dir, Path metricsFile, PrintStream warnings) {
    this.dir = dir;
    this.metricsFile = metricsFile;
    this.warnings = warnings;
  }

  @Override
  public void onStart(RunInfo run) {
    if (run.startStep() > 0 && Files.exists(metricsFile)) {
      seed(run.startStep());
    }
  }

  @Override
  public void onStep(StepMetrics m) {
    if (m.logStep()) {
      history.add(m);
      stale = true;
    }
  }

  @Override
  public void onEval(EvalMetrics e) {
    history.add(e);
    draw();
  }

  @Override
  public void onEnd(TrainingSummary summary) {
    if (stale) { // log steps after the last evaluation
      draw();
    }
  }

  RunHistory history() {
    return history;
  }

  private void seed(long startStep) {
    try {
      for (ObjectNode line : MetricsLog.read(metricsFile)) {
        if (line.path("step").asLong() > startStep) {
          continue;
        }
        switch (line.path("kind").asText()) {
          case MetricsLogCallback.TRAIN -> history.add(MetricsLogCallback.readTrain(line));
          case MetricsLogCallback.EVAL -> history.add(MetricsLogCallback.readEval(line));
          default -> { } // kinds the plots do not show
        }
      }
      stale = true;
    } catch (Exception e) {
      warn("cannot read " + metricsFile + ", the plots start at step " + startStep, e);
    }
  }

  private void draw() {
    stale = false;
    try {
      LossCurvesPlot.write(history, dir.resolve(LOSS_CURVES));
      ExpertWeightsPlot.write(history, ExpertWeightsPlot.WEIGHTS, dir.resolve(EXPERT_WEIGHTS));
      ExpertWeightsPlot.write(history, ExpertWeightsPlot.LOAD, dir.resolve(EXPERT_LOAD));
    } catch (Exception | LinkageError | AWTError e) { // LinkageError, AWTError: a JDK without working AWT
      warn("cannot draw the plots in " + dir, e);
    }
  }

  private void warn(String what, Throwable e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    warnings.println("warning: " + what + " (" + reason.replaceAll("\\s+", " ") + "); training continues");
  }
}
