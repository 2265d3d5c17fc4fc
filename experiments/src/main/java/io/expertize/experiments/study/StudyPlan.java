package io.expertize.experiments.study;

import io.expertize.config.ConfigException;
import io.expertize.registry.ModelRegistry;
import io.expertize.wiring.RunWiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The cells of a study (seeds x arms x axis values, in that order) with their configuration checked. */
public record StudyPlan(StudyFile study, Path studyFile, List<Cell> cells) {

  /**
   * Expands {@code study} read from {@code studyFile}; its base config is found beside the study file
   * or under {@code repository}.
   */
  public static StudyPlan of(StudyFile study, Path studyFile, Path repository) {
    Path config = study.base().config() == null ? null : locate(study.base().config(), studyFile, repository);
    List<Cell> cells = new ArrayList<>();
    // seeds outermost: a study stopped half-way holds complete seeds of every arm, which pair
    for (long seed : study.seeds()) {
      for (StudyFile.Arm arm : study.arms()) {
        for (Map<String, String> point : grid(study.axes())) {
          List<String> sets = new ArrayList<>();
          study.base().set().forEach((k, v) -> sets.add(k + "=" + text(v)));
          if (arm.scheme() != null) {
            sets.add("fusion.scheme=" + arm.scheme());
          }
          arm.set().forEach((k, v) -> sets.add(k + "=" + text(v)));
          point.forEach((k, v) -> sets.add(k + "=" + v));
          sets.add("seed=" + seed);
          cells.add(new Cell(arm.name(), point, seed, config, sets));
        }
      }
    }
    return new StudyPlan(study, studyFile, List.copyOf(cells));
  }

  /**
   * Loads every cell's configuration as {@code expertize train} would, before anything runs, so a typo
   * in an arm or an axis fails at once, naming the arm (and axis values) and the key.
   */
  public void validate(ModelRegistry registry) {
    List<String> problems = new ArrayList<>();
    for (Cell cell : cells) {
      try {
        RunWiring.config(registry, cell.config(), cell.sets());
      } catch (ConfigException e) {
        String where = "study " + studyFile + ", arm '" + cell.arm() + "'"
            + (cell.axes().isEmpty() ? "" : " at " + cell.axes()) + ": ";
        e.problems().stream().map(p -> where + p).filter(p -> !problems.contains(p)).forEach(problems::add);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private static Path locate(String config, Path studyFile, Path repository) {
    Path given = Path.of(config);
    List<Path> candidates = given.isAbsolute() ? List.of(given)
        : List.of(studyFile.toAbsolutePath().getParent().resolve(given), repository.resolve(given));
    return candidates.stream().filter(Files::isRegularFile).findFirst().map(p -> p.toAbsolutePath().normalize())
        .orElseThrow(() -> new ConfigException("study file " + studyFile + ": base.config " + config
            + " is not a file; looked at " + candidates.stream().map(Path::toString).collect(Collectors.joining(", "))));
  }

  /** Every combination of the axis values, the first axis varying slowest; one empty point without axes. */
  private static List<Map<String, String>> grid(Map<String, List<Object>> axes) {
    List<Map<String, String>> points = List.of(new LinkedHashMap<>());
    for (Map.Entry<String, List<Object>> axis : axes.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> point : points) {
        for (Object value : axis.getValue()) {
          Map<String, String> p = new LinkedHashMap<>(point);
          p.put(axis.getKey(), text(value));
          next.add(p);
        }
      }
      points = next;
    }
    return points;
  }

  /** A YAML value as {@code --set} takes it (a list becomes a comma-separated value). */
  static String text(Object value) {
    return value instanceof List<?> list
        ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
        : String.valueOf(value);
  }
}
