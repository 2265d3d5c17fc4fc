package io.expertize.experiments.study;

import io.expertize.train.TrainingSummary;
import io.expertize.train.io.CheckpointException;
import io.expertize.train.io.CheckpointManager;
import io.expertize.train.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** What a cell's run directory holds: the ordinary directory {@code expertize train --out} makes. */
public final class CellRun {
  private CellRun() {}

  /**
   * Where cell {@code id} of the study in {@code studyDir} trains: {@code STUDY/cells/ID}. Derived from
   * the study directory, never read from state.json, so a study copied or moved elsewhere (a kept
   * results directory, another checkout) still finds its cells.
   */
  public static Path directory(Path studyDir, String id) {
    return studyDir.resolve("cells").resolve(id);
  }

  /** The run's summary.json, if it is there and complete (written last, atomically, by a finished run). */
  public static Optional<TrainingSummary> summary(Path run) {
    Path file = run.resolve("summary.json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readValue(file.toFile(), TrainingSummary.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether an interrupted run left a checkpoint to resume from (an unreadable one counts: resume reports it). */
  public static boolean hasCheckpoint(Path run) {
    try {
      return !new CheckpointManager(run.resolve("checkpoints"), 1).list().isEmpty();
    } catch (CheckpointException e) {
      return true;
    }
  }

  /** Whether anything is in {@code run} (a child killed before its first checkpoint leaves config.yaml). */
  static boolean started(Path run) {
    if (!Files.isDirectory(run)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(run)) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      return true;
    }
  }
}
