package io.expertize.experiments.report;

import java.util.SortedMap;

/** An arm against the baseline at the same axis values, on one metric, paired by seed. */
public record Comparison(GroupStats arm, GroupStats baseline, SortedMap<Long, Double> differences,
    PairedDifference difference, PairedDifference.Verdict verdict) {

  /** {@code mb vs dense (data.train-subset=5000): test top-1 (%) +0.41 [-0.12, +0.94], n=3: inconclusive}. */
  public String line(boolean text) {
    Metric m = arm.metric();
    String axes = arm.axes().isEmpty() ? "" : " " + arm.axes();
    String interval = difference.n() < 2 ? "no interval with n=" + difference.n()
        : String.format("95%% CI [%+.3f, %+.3f], n=%d", m.shown(difference.low()), m.shown(difference.high()), difference.n());
    return String.format("%s vs %s%s: %s %+.3f (%s): %s", arm.arm(), baseline.arm(), axes, m.label(text),
        m.shown(difference.mean()), interval, switch (verdict) {
          case BETTER -> "better";
          case WORSE -> "worse";
          case INCONCLUSIVE -> "inconclusive";
        });
  }
}
