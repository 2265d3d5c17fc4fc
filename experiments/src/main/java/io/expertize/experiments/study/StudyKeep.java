package io.expertize.experiments.study;

import io.expertize.config.ConfigException;
import io.expertize.train.io.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The part of a study directory worth keeping, e.g. in version control: the study file, state.json,
 * the reports, the cells' logs and each cell's own record (config.yaml, metrics.jsonl, summary.json),
 * without checkpoints, TensorBoard files and plots. A kept copy is itself a study directory: `study
 * report` reads it, and `study run` into it skips its finished cells and trains the others afresh.
 */
public final class StudyKeep {
  private static final Set<String> CELL_FILES = Set.of("config.yaml", "metrics.jsonl", "summary.json");
  private static final List<String> REPORT_SUFFIXES = List.of(".md", ".csv", ".json", ".png");

  private StudyKeep() {}

  /**
   * Copies the kept files of the study in {@code from} into {@code to}, which is new, or an earlier
   * copy of the same study (its files are brought up to date; nothing else in it is touched).
   *
   * @return the files written
   */
  public static List<Path> copy(Path from, Path to) {
    StudyState source = StudyState.read(from).orElseThrow(() -> new ConfigException(
        from + " is not a study directory (no state.json); `expertize study run` makes one"));
    if (Files.exists(to)) {
      boolean sameStudy = StudyState.read(to).map(s -> s.study().equals(source.study())).orElse(false);
      if (!sameStudy && !isEmptyDirectory(to)) {
        throw new ConfigException(to + " exists and is not a kept copy of study " + source.study()
            + ": give a new directory, or an earlier copy of this study to bring up to date");
      }
    }
    List<Path> written = new ArrayList<>();
    try {
      for (Path file : keptFiles(from)) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        DurableFiles.writeAtomically(target, Files.readAllBytes(file));
        written.add(target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy study " + from + " to " + to + ": " + e.getMessage(), e);
    }
    return written;
  }

  private static List<Path> keptFiles(Path from) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> top = Files.list(from)) {
      top.filter(Files::isRegularFile).filter(p -> isStudyFile(p.getFileName().toString())).sorted().forEach(files::add);
    }
    for (String sub : List.of("logs", "cells")) {
      Path dir = from.resolve(sub);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> all = Files.walk(dir)) {
          all.filter(Files::isRegularFile).filter(p -> sub.equals("logs") || isCellFile(p)).sorted().forEach(files::add);
        }
      }
    }
    return files;
  }

  private static boolean isStudyFile(String name) {
    return name.equals(StudyState.FILE) || name.equals("study.yaml")
        || (name.startsWith("report") || name.startsWith("results")) && REPORT_SUFFIXES.stream().anyMatch(name::endsWith);
  }

  /** A cell's own record: directly in {@code cells/ARM/[AXES/]seed-N/}, not in its checkpoints or TensorBoard. */
  private static boolean isCellFile(Path file) {
    return CELL_FILES.contains(file.getFileName().toString()) && file.getParent().getFileName().toString().startsWith("seed-");
  }

  private static boolean isEmptyDirectory(Path dir) {
    try (Stream<Path> children = Files.list(dir)) {
      return children.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
