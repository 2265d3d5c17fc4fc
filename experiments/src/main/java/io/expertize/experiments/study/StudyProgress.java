package io.expertize.experiments.study;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One line over the whole study: cells done / running / failed / left and an ETA from the measured
 * cell times (this runner's and the earlier runners' finished cells), divided among the parallel slots.
 * A redrawn bar on a terminal; a plain line per change in a log.
 */
public final class StudyProgress implements AutoCloseable {
  private final PrintStream out;
  private final String study;
  private final int total;
  private final int parallel;
  private final List<Double> cellSeconds;
  private final Map<String, Long> running = new LinkedHashMap<>();
  private final ProgressBar bar;
  private int done;
  private int failed;

  StudyProgress(PrintStream out, boolean terminal, String study, int total, int parallel, int done, int failed,
      List<Double> measuredSeconds) {
    this.out = out;
    this.study = study;
    this.total = total;
    this.parallel = parallel;
    this.done = done;
    this.failed = failed;
    this.cellSeconds = new ArrayList<>(measuredSeconds);
    this.bar = terminal
        ? new ProgressBarBuilder().setTaskName(study).setInitialMax(total).startsFrom(done + failed, Duration.ZERO)
            .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out)).hideEta()
            .setUnit(" cells", 1).build()
        : null;
    show();
  }

  synchronized void started(String cell) {
    running.put(cell, System.nanoTime());
    show();
  }

  synchronized void finished(String cell, CellStatus status, double seconds) {
    running.remove(cell);
    if (status == CellStatus.DONE) {
      done++;
      cellSeconds.add(seconds);
    } else if (status == CellStatus.FAILED) {
      failed++;
    }
    show();
  }

  /** {@code 3 done, 2 running, 0 failed, 7 left, ETA 1h05m}. */
  synchronized String line() {
    int left = total - done - failed - running.size();
    return String.format("%d done, %d running, %d failed, %d left, ETA %s", done, running.size(), failed, left, eta(left));
  }

  private String eta(int left) {
    if (left + running.size() == 0) {
      return "0s";
    }
    if (cellSeconds.isEmpty()) {
      return "after the first cell";
    }
    double mean = cellSeconds.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double remaining = left * mean;
    long now = System.nanoTime();
    for (long start : running.values()) {
      remaining += Math.max(0, mean - (now - start) / 1e9);
    }
    return clock(Math.round(remaining / parallel));
  }

  public static String clock(long seconds) {
    return seconds >= 3600 ? String.format("%dh%02dm", seconds / 3600, seconds / 60 % 60)
        : seconds >= 60 ? String.format("%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
  }

  private void show() {
    if (bar != null) {
      bar.stepTo(done + failed);
      bar.setExtraMessage(" " + line());
    } else {
      out.println("study " + study + ": " + line());
    }
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
