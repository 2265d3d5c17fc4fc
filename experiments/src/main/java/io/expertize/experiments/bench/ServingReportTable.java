package io.expertize.experiments.bench;


/** The human-readable form of a {@link ServingBenchReport}: Markdown tables, ready for docs. */
public final class ServingReportTable {
  private ServingReportTable() {}

  public static String format(ServingBenchReport r) {
    StringBuilder sb = new StringBuilder();
    ServingBenchSettings s = r.settings();
    BenchReport.Machine m = r.machine();
    sb.append(String.format("expertize bench serving: signature %s, %s, the same for both models%n",
        ServedModel.SIGNATURE, r.input().describe()));
    sb.append(String.format("A: %s  %s%nB: %s  %s%n", r.a().label(), r.a().path(), r.b().label(), r.b().path()));
    GraphComparison g = r.graphs();
    if (g.same()) {
      sb.append(String.format("graphs: the same: %,d parameters, %d variables (names and shapes), %,d ops of %d types, "
          + "signatures; size on disk %.2f MB vs %.2f MB (%+.2f%%)%n", g.parametersA(), g.variables(), g.ops(),
          g.opTypes(), mb(g.sizeBytesA()), mb(g.sizeBytesB()), 100.0 * (g.sizeBytesB() - g.sizeBytesA()) / g.sizeBytesA()));
    } else {
      sb.append("graphs DIFFER:\n");
      g.differences().forEach(d -> sb.append("  ").append(d).append('\n'));
    }
    sb.append(String.format("TensorFlow %s, %d cores, %s, load average %.2f -> %.2f; "
            + "%d timed rounds after %d warm-up, samples of about %d ms; wall %.1f min%n",
        m.tensorflow(), m.cores(), s.threads().describe(), m.loadBefore(), m.loadAfter(),
        s.rounds(), s.warmup(), s.sampleMillis(), r.wallSeconds() / 60));

    sb.append("\n| batch | model | calls / sample (median) | latency ms | latency IQR ms | " + r.input().unit()
        + "/s | CPU ms / call |\n");
    sb.append("|---:|---|---:|---:|---:|---:|---:|\n");
    for (ServingBenchReport.BatchResult x : r.batches()) {
      timings(sb, x, "A " + r.a().label(), x.a());
      timings(sb, x, "B " + r.b().label(), x.b());
    }
    sb.append("\n| batch | B / A wall | 95% interval | IQR | B / A CPU | 95% interval | IQR | B / A CPU, totals |\n");
    sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ServingBenchReport.BatchResult x : r.batches()) {
      sb.append(String.format("| %d | %s | %s | x%.3f |%n", x.batch(), ratio(x.wallRatios()), ratio(x.cpuRatios()),
          x.cpuRatioOfTotals()));
    }
    sb.append("equal speed (x1) inside the 95% interval:");
    for (ServingBenchReport.BatchResult x : r.batches()) {
      sb.append(String.format(" batch %d wall %s, CPU %s;", x.batch(), yesNo(covers1(x.wallRatios())),
          yesNo(covers1(x.cpuRatios()))));
    }
    sb.setLength(sb.length() - 1);
    sb.append('\n');
    sb.append("(medians; latency: every timed call, pooled over the rounds; " + r.input().unit() + "/s: one caller, calls back to back, "
        + "median sample; ratio: B's sample over A's in the same round, the order alternating, with the "
        + "distribution-free 95% confidence interval of its median and the interquartile range of the rounds; "
        + "CPU: this process's CPU time during the sample, all threads; it ticks in 10 ms, so a round's CPU ratio "
        + "moves in steps and often ties at 1, the ratio of the totals over all rounds does not)\n");
    return sb.toString();
  }

  private static void timings(StringBuilder sb, ServingBenchReport.BatchResult x, String model,
      ServingBenchReport.Timings t) {
    Samples l = t.latencies();
    sb.append(String.format("| %d | %s | %.0f | %.3f | %.3f-%.3f | %,.0f | %.3f |%n", x.batch(), model,
        x.medianCalls(), 1e3 * l.median(), 1e3 * l.quantile(0.25), 1e3 * l.quantile(0.75), x.examplesPerSecond(t),
        x.cpuMillisPerCall(t)));
  }

  private static String ratio(Samples r) {
    double[] ci = r.medianInterval95();
    return String.format("x%.3f | %.3f-%.3f | %.3f-%.3f", r.median(), ci[0], ci[1], r.quantile(0.25), r.quantile(0.75));
  }

  private static boolean covers1(Samples ratios) {
    double[] ci = ratios.medianInterval95();
    return ci[0] <= 1 && 1 <= ci[1];
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }

  private static double mb(long bytes) {
    return bytes / 1e6;
  }
}
