package io.expertize.experiments.bench;

import java.util.Map;

/** The human-readable form of a {@link BenchReport}. */
public final class ReportTable {
  private static final int PROFILE_ROWS = 15;

  private ReportTable() {}

  public static String format(BenchReport r) {
    StringBuilder sb = new StringBuilder();
    BenchSettings s = r.settings();
    BenchReport.Machine m = r.machine();
    sb.append(String.format("expertize bench: %s (%,d params, %d tokens), batch %d, %d timed steps%n",
        r.model(), r.parameters(), r.flops().tokens(), s.batch(), s.steps()));
    sb.append(String.format("TensorFlow %s, %d cores, %s, load average %.2f -> %.2f%n%n",
        m.tensorflow(), m.cores(), s.threads().describe(), m.loadBefore(), m.loadAfter()));

    sb.append(String.format("%-34s %9s %9s %9s %10s %9s %8s%n",
        "measurement (medians)", "median s", "min s", "max s", "images/s", "GFLOP/s", "% ceil"));
    for (ProbeResult p : r.probes()) {
      Samples t = p.samples();
      sb.append(String.format("%-34s %9.4f %9.4f %9.4f %10s %9.1f %8s%n",
          String.format("matmul %d^2 x%d chain (n=%d)", p.size(), p.chain(), t.count()),
          t.median(), t.min(), t.max(), "", p.gflops(), p == r.ceiling() ? "ceiling" : ""));
    }
    row(sb, String.format("train step (n=%d)", r.train().count()), r.train(), r.trainImagesPerSec(),
        r.trainGflops(), r.trainFractionOfCeiling());
    if (r.forward() != null) {
      row(sb, String.format("forward only, inference (n=%d)", r.forward().count()), r.forward(),
          r.forwardImagesPerSec(), r.forwardGflops(), r.forwardFractionOfCeiling());
    }

    sb.append(String.format("train step vs ceiling, paired per round (median of %d ratios): %.1f%%%n",
        r.train().count(), 100 * r.trainFractionOfCeilingPaired()));

    FlopCount f = r.flops();
    sb.append(String.format("%nFLOPs counted: matrix products only, 2 per multiply-add; training step = %dx forward.%n",
        FlopCount.TRAINING_FACTOR));
    sb.append(String.format("forward per image %.3f GFLOP; training step at batch %d: %.1f GFLOP%n",
        f.forwardPerImage() / 1e9, s.batch(), f.training(s.batch()) / 1e9));
    for (Map.Entry<String, Long> e : f.perImageByTerm().entrySet()) {
      sb.append(String.format("  %-14s %10.2f MFLOP %6.1f%%%n",
          e.getKey(), e.getValue() / 1e6, 100.0 * e.getValue() / f.forwardPerImage()));
    }

    if (r.profile() != null) {
      OpProfile p = r.profile();
      sb.append(String.format("%nprofile of one traced training step: wall %.0f ms, summed op time %.0f ms%n",
          p.wallMillis(), p.totalOpMillis()));
      sb.append(String.format("  %-28s %10s %7s %7s%n", "op type", "ms", "share", "count"));
      p.byType().stream().limit(PROFILE_ROWS).forEach(e -> sb.append(String.format("  %-28s %10.1f %6.1f%% %7d%n",
          e.type(), e.millis(), 100 * e.millis() / p.totalOpMillis(), e.count())));
      double mm = p.matMulMillis();
      sb.append(String.format("  matrix products: %.0f ms (%.1f%% of op time); counted FLOPs / their op time = %.1f GFLOP/s%n",
          mm, 100 * mm / p.totalOpMillis(), f.training(s.batch()) / (mm / 1e3) / 1e9));
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, String label, Samples t, double ips, double gflops, double frac) {
    sb.append(String.format("%-34s %9.4f %9.4f %9.4f %10.1f %9.1f %7.1f%%%n",
        label, t.median(), t.min(), t.max(), ips, gflops, 100 * frac));
  }
}
