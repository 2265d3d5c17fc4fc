package io.expertize.experiments.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.expertize.experiments.study.CellRecord;
import io.expertize.train.io.DurableFiles;
import io.expertize.train.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes a study's report.md, results.csv, results.json, report.png (and heatmap.png for a study with
 * two axes) into its directory, every number taken from the {@link StudyResults} its cells' own files gave.
 */
public final class StudyReport {
  private StudyReport() {}

  /** The files written, in the order above. */
  public static List<Path> write(StudyResults r) throws IOException {
    Path md = r.dir().resolve("report" + r.fileSuffix() + ".md");
    Path csv = r.dir().resolve("results" + r.fileSuffix() + ".csv");
    Path json = r.dir().resolve("results" + r.fileSuffix() + ".json");
    Path png = r.dir().resolve("report" + r.fileSuffix() + ".png");
    DurableFiles.writeAtomically(csv, csv(r).getBytes(StandardCharsets.UTF_8));
    DurableFiles.writeAtomically(json, Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json(r)));
    StudyChart.write(r, png);
    List<Path> written = new ArrayList<>(List.of(md, csv, json, png));
    if (StudyHeatMap.applies(r)) {
      Path heatMap = r.dir().resolve(heatMapFile(r));
      StudyHeatMap.write(r, heatMap);
      written.add(heatMap);
    }
    DurableFiles.writeAtomically(md, markdown(r).getBytes(StandardCharsets.UTF_8));
    return written;
  }

  private static String heatMapFile(StudyResults r) {
    return "heatmap" + r.fileSuffix() + ".png";
  }

  /** One line per verdict: the study's conclusions in plain words. */
  public static List<String> verdicts(StudyResults r) {
    return r.comparisons().stream().map(c -> c.line(r.text())).toList();
  }

  static String markdown(StudyResults r) {
    StringBuilder md = new StringBuilder();
    md.append("# Study ").append(r.study().name()).append("\n\n");
    if (!r.study().description().isBlank()) {
      md.append(r.study().description()).append("\n\n");
    }
    long done = r.cells().stream().filter(CellResult::done).count();
    md.append(String.format("%d cells: %d done, %d failed, %d unfinished. Baseline: %s. Builds: %s. Processors: %s.%n%n",
        r.cells().size(), done, r.failed().size(), r.unfinished().size(), r.baseline(), builds(r), processors(r)));
    SortedSet<Long> seeds = new TreeSet<>();
    r.cells().forEach(c -> seeds.add(c.record().seed()));
    for (Metric m : r.metrics()) {
      md.append("## ").append(m.label(r.text())).append("\n\n| arm | axes | n | mean | std |");
      seeds.forEach(s -> md.append(" seed ").append(s).append(" |"));
      md.append("\n|---|---|---|---|---|").append("---|".repeat(seeds.size())).append('\n');
      r.groups().stream().filter(g -> g.metric() == m).forEach(g -> {
        md.append(String.format("| %s | %s | %d | %s | %s |", g.arm(), axes(g.axes()), g.n(), number(m, g.mean()),
            number(m, g.std())));
        seeds.forEach(s -> md.append(' ').append(g.bySeed().containsKey(s) ? number(m, g.bySeed().get(s)) : "").append(" |"));
        md.append('\n');
      });
      List<Comparison> cs = r.comparisons().stream().filter(c -> c.arm().metric() == m).toList();
      if (!cs.isEmpty()) {
        md.append("\nAgainst the baseline, paired by seed (arm - ").append(r.baseline())
            .append("; 95% CI from Student's t):\n\n| arm | axes | pairs | difference | 95% CI | verdict |\n|---|---|---|---|---|---|\n");
        for (Comparison c : cs) {
          PairedDifference d = c.difference();
          md.append(String.format("| %s | %s | %d | %s | %s | %s |%n", c.arm().arm(), axes(c.arm().axes()), d.n(),
              signed(m, d.mean()), d.n() < 2 ? "" : "[" + signed(m, d.low()) + ", " + signed(m, d.high()) + "]",
              c.verdict().name().toLowerCase(java.util.Locale.ROOT)));
        }
      }
      md.append('\n');
    }
    md.append("## Verdicts\n\n");
    verdicts(r).forEach(v -> md.append("- ").append(v).append('\n'));
    if (r.comparisons().isEmpty()) {
      md.append("- (no arm to compare with the baseline)\n");
    }
    md.append("\n![mean curves](report" + r.fileSuffix() + ".png)\n");
    if (StudyHeatMap.applies(r)) {
      md.append("\n![difference from ").append(r.baseline()).append(" over the axes](").append(heatMapFile(r)).append(")\n");
    }
    if (!r.failed().isEmpty()) {
      md.append("\n## Failed cells\n\n");
      r.failed().forEach(c -> md.append("- `").append(c.id()).append("` (exit ").append(c.record().exitCode()).append("): ")
          .append(c.record().error() == null ? "" : c.record().error().lines().findFirst().orElse("")).append('\n'));
    }
    if (!r.unfinished().isEmpty()) {
      md.append("\n## Unfinished cells\n\n");
      r.unfinished().forEach(c -> md.append("- `").append(c.id()).append("`: ").append(c.record().status()).append('\n'));
    }
    md.append("\n## Reproducing a cell\n\nEach cell is an ordinary run directory; this command (from the repository root, at "
        + "the commit shown) trains it again. Results are deterministic for the same thread counts and kind of "
        + "processor.\n\n| cell | commit | processor | command |\n|---|---|---|---|\n");
    r.cells().forEach(c -> md.append("| ").append(c.id()).append(" | ").append(commit(c.record())).append(" | ")
        .append(nullToEmpty(c.record().cpu())).append(" | `").append(c.record().command()).append("` |\n"));
    return md.toString();
  }

  static String csv(StudyResults r) {
    List<String> axisKeys = r.study().axes().keySet().stream().toList();
    List<String> header = new ArrayList<>(List.of("cell", "arm"));
    header.addAll(axisKeys);
    header.addAll(List.of("seed", "status"));
    r.metrics().forEach(m -> header.add(m.key()));
    header.addAll(List.of("steps", "seconds", "threads", "commit", "dirty", "cpu", "error", "command"));
    StringBuilder out = new StringBuilder(String.join(",", header)).append('\n');
    for (CellResult c : r.cells()) {
      CellRecord rec = c.record();
      List<String> row = new ArrayList<>(List.of(c.id(), rec.arm()));
      axisKeys.forEach(k -> row.add(rec.axes().getOrDefault(k, "")));
      row.addAll(List.of(Long.toString(rec.seed()), rec.status().name().toLowerCase(java.util.Locale.ROOT)));
      r.metrics().forEach(m -> row.add(c.done() ? Double.toString(c.value(m)) : ""));
      row.addAll(List.of(c.summary().map(s -> Long.toString(s.steps())).orElse(""), Double.toString(rec.seconds()),
          Integer.toString(rec.intraOpThreads()), nullToEmpty(rec.commit()), Boolean.toString(rec.dirty()),
          nullToEmpty(rec.cpu()), nullToEmpty(rec.error()), nullToEmpty(rec.command())));
      out.append(row.stream().map(StudyReport::quote).collect(Collectors.joining(","))).append('\n');
    }
    return out.toString();
  }

  static Map<String, Object> json(StudyResults r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("study", r.study().name());
    out.put("baseline", r.baseline());
    out.put("text", r.text());
    List<Object> groups = new ArrayList<>();
    for (GroupStats g : r.groups()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("group", g.group());
      m.put("arm", g.arm());
      m.put("axes", g.axes());
      m.put("metric", g.metric().key());
      m.put("n", g.n());
      m.put("mean", finite(g.mean()));
      m.put("std", finite(g.std()));
      m.put("by_seed", g.bySeed());
      groups.add(m);
    }
    out.put("groups", groups);
    List<Object> comparisons = new ArrayList<>();
    for (Comparison c : r.comparisons()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("arm", c.arm().group());
      m.put("baseline", c.baseline().group());
      m.put("metric", c.arm().metric().key());
      m.put("pairs", c.difference().n());
      m.put("difference_by_seed", c.differences());
      m.put("mean_difference", finite(c.difference().mean()));
      m.put("ci95_low", finite(c.difference().low()));
      m.put("ci95_high", finite(c.difference().high()));
      m.put("verdict", c.verdict().name().toLowerCase(java.util.Locale.ROOT));
      m.put("line", c.line(r.text()));
      comparisons.add(m);
    }
    out.put("comparisons", comparisons);
    Map<String, Object> cells = new LinkedHashMap<>();
    for (CellResult c : r.cells()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("record", c.record());
      r.metrics().forEach(metric -> m.put(metric.key(), c.done() ? finite(c.value(metric)) : null));
      cells.put(c.id(), m);
    }
    out.put("cells", cells);
    return out;
  }

  private static String builds(StudyResults r) {
    return r.cells().stream().map(c -> commit(c.record())).filter(s -> !s.isEmpty()).distinct()
        .collect(Collectors.joining(", "));
  }

  /** The kinds of processor the cells ran on ("unrecorded" for cells of runners that did not record it). */
  private static String processors(StudyResults r) {
    return r.cells().stream().filter(c -> c.record().commit() != null)
        .map(c -> c.record().cpu() == null ? "unrecorded" : c.record().cpu()).distinct().collect(Collectors.joining(", "));
  }

  private static String commit(CellRecord r) {
    return r.commit() == null ? "" : r.commit().substring(0, Math.min(12, r.commit().length())) + (r.dirty() ? " (dirty)" : "");
  }

  private static String axes(Map<String, String> axes) {
    return axes.isEmpty() ? "" : axes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  private static String number(Metric m, double v) {
    return Double.isFinite(v) ? String.format(m == Metric.TOP1 ? "%.2f" : "%.4f", m.shown(v)) : "";
  }

  private static String signed(Metric m, double v) {
    return Double.isFinite(v) ? String.format(m == Metric.TOP1 ? "%+.2f" : "%+.4f", m.shown(v)) : "";
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String quote(String field) {
    return field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("'")
        ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
  }
}
