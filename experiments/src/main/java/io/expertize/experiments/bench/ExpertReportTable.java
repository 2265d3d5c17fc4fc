package io.expertize.experiments.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/** The human-readable form of an {@link ExpertBenchReport}: Markdown tables, ready for docs. */
public final class ExpertReportTable {
  private static final int PROFILE_TYPES = 5;

  private ExpertReportTable() {}

  public static String format(ExpertBenchReport r) {
    StringBuilder sb = new StringBuilder();
    ExpertBenchSettings s = r.settings();
    var q = r.model().request();
    BenchReport.Machine m = r.machine();
    sb.append(String.format("expertize bench experts: %s, depth %s, dim %s, image %d, patch %s (%d tokens), batch %d; "
            + "deployed (dense) model %,d parameters%n",
        r.model().name(), own(q.depth()), own(q.dim()), q.requireImages(r.model().name()).size(),
        own(q.patchSize()), r.tokens(), s.batch(),
        r.deployedParameters()));
    sb.append(String.format("TensorFlow %s, %d cores, %s, load average %.2f -> %.2f; "
            + "%s; wall %.1f min%n",
        m.tensorflow(), m.cores(), s.threads().describe(), m.loadBefore(), m.loadAfter(),
        s.timing() ? String.format("%d timed rounds after %d warm-up", s.rounds(), s.warmup()) : "no timing",
        r.wallSeconds() / 60));

    if (s.timing()) {
      sb.append(String.format("%n| config | trained params | extra | step s | x dense (wall) | wall ratio IQR "
          + "| CPU s / step | x dense (CPU) | CPU ratio IQR |%n"));
      sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (ExpertBenchReport.Result x : r.results()) {
        sb.append(String.format("| %s | %,d | %s | %.3f | %s | %s | %.3f | %s | %s |%n",
            x.config().label(), x.trainingParameters(), extra(r, x), x.steps().median(), ratio(x.ratios()),
            iqr(x.ratios()), x.cpuSteps().median(), ratio(x.cpuRatios()), iqr(x.cpuRatios())));
      }
      sb.append(String.format("(medians; dense: %d samples, one per block per round, step s IQR %.3f-%.3f; ratio: a "
              + "configuration's step over dense's in the same block of the same round; CPU: this process's CPU time "
              + "during the step, all threads)%n",
          r.dense().steps().count(), r.dense().steps().quantile(0.25), r.dense().steps().quantile(0.75)));
    }

    if (s.memory()) {
      sb.append(String.format("%n| config | trained params | variables MB | tensor peak MB (range) | peak - dense MB "
          + "| expected MB (16 B x extra params) | measured / expected | process peak MB (- dense) |%n"));
      sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
      ExpertBenchReport.Result d = r.dense();
      for (ExpertBenchReport.Result x : r.results()) {
        MemoryRuns mem = x.memory();
        Long extraPeak = r.extraTensorPeakBytes(x);
        long expected = r.expectedExtraBytes(x);
        sb.append(String.format("| %s | %,d | %.1f | %.1f (%.0f-%.0f) | %s | %s | %s | %.1f (%s) |%n",
            x.config().label(), x.trainingParameters(), mb(mem.variableBytes()), mb(mem.tensorPeakBytes()),
            mb(mem.tensorPeakMinBytes()), mb(mem.tensorPeakMaxBytes()),
            x == d ? "" : String.format("%+.1f", mb(extraPeak)),
            x == d ? "" : String.format("%.1f", mb(expected)),
            x == d || expected == 0 ? "" : String.format("%.2f", (double) extraPeak / expected),
            mb(mem.processPeakBytes()),
            x == d ? String.format("baseline %.1f", mb(mem.processBaselineBytes()))
                : String.format("%+.1f", mb(mem.processPeakBytes() - d.memory().processPeakBytes()))));
      }
      sb.append(String.format("(medians of %d child JVMs per configuration; tensor peak: most bytes TensorFlow's allocator "
          + "held at the end of any op of a traced step; process peak: the JVM's VmHWM)%n", s.memoryRepeats()));
    }

    if (r.dense().profile() != null) {
      OpProfile dp = r.dense().profile();
      sb.append(String.format("%nop time of a traced step (per-type median of %d traced steps; ops overlap, and on a busy "
          + "machine an op's time includes waiting for a core); dense: %.0f ms, of which matrix products %.0f ms%n",
          s.profileSteps(), dp.totalOpMillis(), dp.matMulMillis()));
      sb.append("\n| config | op ms | - dense | matrix products - dense | other ops - dense "
          + "| largest changes by op type: ms (dense -> this), count (dense -> this) |\n|---|---:|---:|---:|---:|---|\n");
      for (ExpertBenchReport.Result x : r.results()) {
        if (x == r.dense()) {
          continue;
        }
        OpProfile p = x.profile();
        double mm = p.matMulMillis() - dp.matMulMillis();
        double all = p.totalOpMillis() - dp.totalOpMillis();
        sb.append(String.format("| %s | %.0f | %+.0f | %+.0f | %+.0f | %s |%n", x.config().label(), p.totalOpMillis(),
            all, mm, all - mm, String.join(", ", changes(dp, p))));
      }
    }
    return sb.toString();
  }

  /** The op types whose time changed most from dense's: {@code ApplyAdam +41 (12 -> 53, 20 -> 22)}. */
  static List<String> changes(OpProfile dense, OpProfile p) {
    Set<String> types = new HashSet<>();
    dense.byType().forEach(e -> types.add(e.type()));
    p.byType().forEach(e -> types.add(e.type()));
    List<String> sorted = new ArrayList<>(types);
    sorted.sort(Comparator.comparingDouble((String t) -> Math.abs(p.millisOf(t) - dense.millisOf(t))).reversed()
        .thenComparing(Comparator.naturalOrder()));
    List<String> out = new ArrayList<>();
    for (String t : sorted.subList(0, Math.min(PROFILE_TYPES, sorted.size()))) {
      out.add(String.format("%s %+.0f (%.0f -> %.0f, %d -> %d)", t, p.millisOf(t) - dense.millisOf(t),
          dense.millisOf(t), p.millisOf(t), dense.countOf(t), p.countOf(t)));
    }
    return out;
  }

  private static String ratio(Samples ratios) {
    return ratios == null ? "1" : String.format("x%.3f", ratios.median());
  }

  private static String iqr(Samples ratios) {
    return ratios == null ? "" : String.format("%.3f-%.3f", ratios.quantile(0.25), ratios.quantile(0.75));
  }

  private static String extra(ExpertBenchReport r, ExpertBenchReport.Result x) {
    long e = r.extraParameters(x);
    return x == r.dense() ? "" : String.format("%+,d", e);
  }

  private static double mb(long bytes) {
    return bytes / 1e6;
  }

  private static String own(OptionalInt v) {
    return v.isPresent() ? Integer.toString(v.getAsInt()) : "(model's)";
  }
}
