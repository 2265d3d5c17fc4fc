package io.expertize.experiments.report;

import io.expertize.config.ConfigException;
import io.expertize.experiments.study.CellRecord;
import io.expertize.experiments.study.CellStatus;
import io.expertize.experiments.study.StudyFile;
import io.expertize.experiments.study.StudyState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A study's results, read from its directory: every cell's own figures, per arm and axis values the
 * seeds' values with mean and std, and each arm against the baseline paired by seed.
 *
 * @param text whether the cells trained on text (held-out loss and next-token top-1) rather than images
 */
public record StudyResults(StudyFile study, Path dir, boolean text, List<Metric> metrics, List<CellResult> cells,
    List<GroupStats> groups, List<Comparison> comparisons) {

  /** Reads {@code dir} as {@code expertize study run} left it (finished or not). */
  public static StudyResults read(Path dir) {
    StudyState state = StudyState.read(dir).orElseThrow(() -> new ConfigException(
        dir + " is not a study directory (no state.json); `expertize study run` makes one"));
    StudyFile study = StudyFile.read(dir.resolve("study.yaml"));
    List<CellResult> cells = new ArrayList<>();
    state.cells().forEach((id, record) -> cells.add(CellResult.read(id, record)));
    boolean text = cells.stream().filter(CellResult::done)
        .anyMatch(c -> "sequences".equals(c.summary().orElseThrow().exampleUnit()));
    List<Metric> metrics = text ? List.of(Metric.LOSS, Metric.TOP1) : List.of(Metric.TOP1);

    List<GroupStats> groups = new ArrayList<>();
    List<Comparison> comparisons = new ArrayList<>();
    for (Metric metric : metrics) {
      Map<String, GroupStats> byGroup = new LinkedHashMap<>();
      for (CellResult c : cells) {
        CellRecord r = c.record();
        GroupStats g = byGroup.computeIfAbsent(c.group(), k -> new GroupStats(k, r.arm(), r.axes(), metric, new TreeMap<>()));
        if (c.done()) {
          g.bySeed().put(r.seed(), c.value(metric));
        }
      }
      groups.addAll(byGroup.values());
      for (GroupStats arm : byGroup.values()) {
        if (arm.arm().equals(study.baselineArm())) {
          continue;
        }
        byGroup.values().stream()
            .filter(b -> b.arm().equals(study.baselineArm()) && b.axes().equals(arm.axes()))
            .findFirst()
            .ifPresent(baseline -> comparisons.add(compare(arm, baseline)));
      }
    }
    return new StudyResults(study, dir, text, metrics, List.copyOf(cells), List.copyOf(groups), List.copyOf(comparisons));
  }

  private static Comparison compare(GroupStats arm, GroupStats baseline) {
    TreeMap<Long, Double> differences = new TreeMap<>();
    arm.bySeed().forEach((seed, value) -> {
      Double base = baseline.bySeed().get(seed);
      if (base != null) {
        differences.put(seed, value - base);
      }
    });
    PairedDifference d = PairedDifference.of(List.copyOf(differences.values()));
    return new Comparison(arm, baseline, differences, d, d.verdict(arm.metric()));
  }

  /** Cells that failed, with their errors. */
  public List<CellResult> failed() {
    return cells.stream().filter(c -> c.record().status() == CellStatus.FAILED).collect(Collectors.toList());
  }

  /** Cells neither done nor failed (the study is not finished). */
  public List<CellResult> unfinished() {
    return cells.stream().filter(c -> !c.done() && c.record().status() != CellStatus.FAILED).toList();
  }
}
