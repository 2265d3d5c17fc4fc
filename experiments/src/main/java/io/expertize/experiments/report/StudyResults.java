package io.expertize.experiments.report;

import io.expertize.config.ConfigException;
import io.expertize.experiments.study.Cell;
import io.expertize.experiments.study.CellRecord;
import io.expertize.experiments.study.CellStatus;
import io.expertize.experiments.study.StudyFile;
import io.expertize.experiments.study.StudyPlan;
import io.expertize.experiments.study.StudyState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A study's results, read from its directory: every cell's own figures, per arm and axis values the
 * seeds' values with mean and std, and each arm against the baseline paired by seed.
 *
 * @param baseline the arm every other arm is compared with (the study file's, or one the report was asked for)
 * @param text whether the cells trained on text (held-out loss and next-token top-1) rather than images
 */
public record StudyResults(StudyFile study, Path dir, String baseline, boolean text, List<Metric> metrics, List<CellResult> cells,
    List<GroupStats> groups, List<Comparison> comparisons) {

  /** Reads {@code dir} as {@code expertize study run} left it (finished or not), against the study file's baseline. */
  public static StudyResults read(Path dir) {
    return read(dir, Optional.empty());
  }

  /** As {@link #read(Path)}, comparing every arm with {@code baseline} when given (e.g. the best-tuned dense arm). */
  public static StudyResults read(Path dir, Optional<String> baselineArm) {
    StudyState state = StudyState.read(dir).orElseThrow(() -> new ConfigException(
        dir + " is not a study directory (no state.json); `expertize study run` makes one"));
    StudyFile study = StudyFile.read(dir.resolve("study.yaml"));
    String baseline = baselineArm.orElse(study.baselineArm());
    List<String> arms = study.arms().stream().map(StudyFile.Arm::name).toList();
    if (!arms.contains(baseline)) {
      throw new ConfigException("--baseline " + baseline + ": study " + study.name() + " has no such arm; its arms: "
          + String.join(", ", arms));
    }
    List<CellResult> cells = new ArrayList<>();
    Map<String, Cell> planned = state.cells().values().stream().anyMatch(r -> r.arm() == null)
        ? StudyPlan.of(study, dir.resolve("study.yaml"), Path.of("").toAbsolutePath()).cells().stream()
            .collect(Collectors.toMap(Cell::id, cell -> cell))
        : Map.of();
    // state files of early runners do not name a cell's arm, axes and seed: the plan does
    state.cells().forEach((id, record) -> cells.add(CellResult.read(dir, id,
        record.arm() == null && planned.containsKey(id) ? record.of(planned.get(id)) : record)));
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
        if (arm.arm().equals(baseline)) {
          continue;
        }
        byGroup.values().stream()
            .filter(b -> b.arm().equals(baseline) && b.axes().equals(arm.axes()))
            .findFirst()
            .ifPresent(base -> comparisons.add(compare(arm, base)));
      }
    }
    return new StudyResults(study, dir, baseline, text, metrics, List.copyOf(cells), List.copyOf(groups), List.copyOf(comparisons));
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

  /** The suffix of the report files: none against the study file's baseline, {@code -vs-ARM} against another. */
  String fileSuffix() {
    return baseline.equals(study.baselineArm()) ? "" : "-vs-" + baseline;
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
