package io.expertize.experiments.study;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.expertize.config.ConfigException;
import io.expertize.train.io.DurableFiles;
import io.expertize.train.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code state.json} of a study directory: one {@link CellRecord} per cell id, in plan order. Every
 * change is written at once and atomically (temp file, fsync, rename), so a runner killed at any moment
 * leaves the previous or the new state, never a torn one.
 */
public final class StudyState {
  static final String FILE = "state.json";

  /** The file's content. */
  public record Snapshot(@JsonProperty("study") String study, @JsonProperty("cells") LinkedHashMap<String, CellRecord> cells) {}

  private final Path file;
  private final String study;
  private final LinkedHashMap<String, CellRecord> cells;

  private StudyState(Path file, String study, LinkedHashMap<String, CellRecord> cells) {
    this.file = file;
    this.study = study;
    this.cells = cells;
  }

  /** The state of {@code dir}, if a runner has written one. */
  public static Optional<StudyState> read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      Snapshot s = Json.MAPPER.readValue(file.toFile(), Snapshot.class);
      return Optional.of(new StudyState(file, s.study(), s.cells()));
    } catch (IOException e) {
      throw new ConfigException(file + " is not a study state (" + e.getMessage() + ")");
    }
  }

  /** A state with no cells yet. */
  static StudyState empty(Path dir, String study) {
    return new StudyState(dir.resolve(FILE), study, new LinkedHashMap<>());
  }

  public String study() {
    return study;
  }

  public synchronized Map<String, CellRecord> cells() {
    return new LinkedHashMap<>(cells);
  }

  public synchronized Optional<CellRecord> get(String id) {
    return Optional.ofNullable(cells.get(id));
  }

  /** Replaces the cells (in the order given) and writes the state. */
  synchronized void replaceAll(Map<String, CellRecord> records) {
    cells.clear();
    cells.putAll(records);
    save();
  }

  /** Changes one cell's record and writes the state. */
  synchronized CellRecord update(String id, UnaryOperator<CellRecord> change) {
    CellRecord next = change.apply(cells.get(id));
    cells.put(id, next);
    save();
    return next;
  }

  private void save() {
    try {
      byte[] json = Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsBytes(new Snapshot(study, cells));
      DurableFiles.writeAtomically(file, json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
