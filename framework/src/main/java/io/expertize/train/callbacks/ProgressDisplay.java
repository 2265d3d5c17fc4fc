package io.expertize.train.callbacks;

import io.expertize.train.EvalMetrics;
import io.expertize.train.ExampleUnit;
import io.expertize.train.RunInfo;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainingCallback;
import io.expertize.train.TrainingSummary;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Console progress: a live progress bar (steps/s, loss, lr, ETA) on a terminal; plain periodic lines
 * when the output is a file or a CI log, where a redrawn bar would be noise. Throughput is in the
 * task's unit ({@code img/s}, {@code seq/s}).
 */
public final class ProgressDisplay implements TrainingCallback {
  private final PrintStream out;
  private final boolean terminal;
  private ProgressBar bar;
  private long startNanos;
  private long startStep;
  private long totalSteps;
  private ExampleUnit unit = ExampleUnit.EXAMPLES;

  public ProgressDisplay(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** A bar when standard output is an interactive terminal. */
  public static ProgressDisplay forConsole() {
    return new ProgressDisplay(System.out, System.console() != null && System.getenv("CI") == null);
  }

  @Override
  public void onStart(RunInfo run) {
    startNanos = System.nanoTime();
    startStep = run.startStep();
    totalSteps = run.totalSteps();
    unit = run.unit();
    String size = run.trainingParams() == run.params()
        ? String.format("%,d parameters", run.params())
        : String.format("%,d parameters in training, %,d after fusion", run.trainingParams(), run.params());
    out.printf("training %s (%s, %s): steps %d..%d, %d per epoch%n",
        run.model(), run.scheme(), size, run.startStep(), run.totalSteps(), run.stepsPerEpoch());
    if (terminal) {
      bar = new ProgressBarBuilder()
          .setTaskName("train")
          .setInitialMax(run.totalSteps())
          .startsFrom(run.startStep(), Duration.ZERO)
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
          .setUnit(" steps", 1)
          .showSpeed()
          .build();
    }
  }

  @Override
  public void onStep(StepMetrics m) {
    if (bar != null) {
      bar.stepTo(m.step() + 1);
      bar.setExtraMessage(String.format(" | loss %.4f | lr %.2e", m.loss(), m.lr()));
    } else if (m.logStep()) {
      long done = m.step() + 1;
      double elapsed = (System.nanoTime() - startNanos) / 1e9;
      double rate = (done - startStep) / Math.max(elapsed, 1e-9);
      long eta = Math.round((totalSteps - done) / Math.max(rate, 1e-9));
      out.printf("step %d/%d epoch %d loss %.4f lr %.3e %.0f %s/s %.2f steps/s eta %s%n",
          done, totalSteps, m.epoch(), m.loss(), m.lr(), m.examplesPerSec(), unit.abbreviation(), rate, clock(eta));
    }
  }

  @Override
  public void onEval(EvalMetrics e) {
    String line = String.format("eval after step %d (epoch %d): top-1 %.2f%%, loss %.4f on %d %s",
        e.step(), e.epoch(), 100 * e.top1(), e.loss(), e.examples(), e.unit());
    if (bar != null) {
      out.println(); // leave the bar's line; it redraws below the evaluation
    }
    out.println(line);
  }

  @Override
  public void onEnd(TrainingSummary s) {
    closeBar();
    out.printf("done: %d steps in %s, %.0f %s/s, test top-1 %.2f%%%n",
        s.steps(), clock(Math.round(s.trainSeconds())), s.examplesPerSec(), s.exampleUnit(), 100 * s.evalTop1());
  }

  @Override
  public void close() {
    closeBar();
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  private static String clock(long seconds) {
    return String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }
}
