package io.expertize.distill;

import io.expertize.export.SavedModelInspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a teacher is, from the path a user gives: a SavedModel (a directory holding
 * {@code saved_model.pb}, e.g. an export's {@code BASE/NAME/N}, or a model base path {@code BASE/NAME}:
 * its highest numeric version, as TF Serving picks it), or a training run (a directory holding
 * {@code config.yaml}: its newest checkpoint; or one of its {@code checkpoints/ckpt-<step>}).
 */
public sealed interface TeacherPath {
  /** A SavedModel directory; {@code version} is its number when it is a version directory, else -1. */
  record SavedModelDir(Path dir, long version) implements TeacherPath {}

  /**
   * A run; {@code checkpoint} is the checkpoint directory asked for, or null for the run's newest.
   */
  record RunDir(Path run, Path checkpoint) implements TeacherPath {}

  /** @throws TeacherException if {@code path} is none of them, saying what was found */
  static TeacherPath resolve(Path path) {
    Path p = path.toAbsolutePath().normalize();
    String valid = "expected a SavedModel (a directory with saved_model.pb, such as `expertize export`'s BASE/NAME/N, "
        + "or a model base path BASE/NAME holding numbered versions) or a run directory of `expertize train` "
        + "(with config.yaml) or one of its checkpoints/ckpt-<step>";
    if (!Files.exists(p)) {
      throw new TeacherException(p + " does not exist; " + valid);
    }
    if (!Files.isDirectory(p)) {
      throw new TeacherException(p + " is a file; " + valid);
    }
    Optional<Path> savedModel = SavedModelInspector.served(p);
    if (savedModel.isPresent()) {
      Path dir = savedModel.get();
      String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
      return new SavedModelDir(dir, name.matches("[0-9]{1,18}") ? Long.parseLong(name) : -1);
    }
    if (Files.isRegularFile(p.resolve("config.yaml"))) {
      return new RunDir(p, null);
    }
    Path run = p.getParent() != null ? p.getParent().getParent() : null;
    if (p.getFileName().toString().matches("ckpt-[0-9]+") && run != null && Files.isRegularFile(run.resolve("config.yaml"))
        && p.getParent().getFileName().toString().equals("checkpoints")) {
      return new RunDir(run, p);
    }
    throw new TeacherException(p + " holds neither saved_model.pb, numbered SavedModel versions nor config.yaml; " + valid);
  }
}
