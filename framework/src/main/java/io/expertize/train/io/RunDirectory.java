package io.expertize.train.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A training run's output directory and the fixed names inside it:
 *
 * <pre>
 * RUN/config.yaml     RUN/metrics.jsonl     RUN/summary.json
 * RUN/checkpoints/    RUN/tensorboard/train  RUN/tensorboard/eval
 * RUN/loss_curves.png RUN/expert_weights.png RUN/expert_load.png   (PlotsCallback)
 * </pre>
 *
 * A new run never mixes its files with an older run's: a non-empty directory is refused unless
 * the caller asks to {@code --resume} it or to {@code --force} (clear) it.
 */
public final class RunDirectory {

  private final Path root;

  private RunDirectory(Path root) {
    this.root = root;
  }

  /**
   * Creates the directory for a new run.
   *
   * @param force clear an existing non-empty directory first instead of refusing
   * @throws RunDirectoryException if {@code dir} is non-empty and {@code force} is false, is a
   *     file, or is too dangerous to clear (filesystem root, home or working directory)
   */
  public static RunDirectory create(Path dir, boolean force) {
    Path root = dir.toAbsolutePath().normalize();
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new RunDirectoryException(root, "output path " + root + " is a file, not a directory;"
          + " choose another --out");
    }
    if (!isEmptyOrMissing(root)) {
      if (!force) {
        throw new RunDirectoryException(root, "output directory " + root + " already exists and is"
            + " not empty; choose another --out, pass --resume " + root + " to continue that run,"
            + " or --force to overwrite it");
      }
      clear(root);
    }
    RunDirectory run = new RunDirectory(root);
    run.createLayout();
    return run;
  }

  /**
   * Opens the directory of an earlier run to continue it.
   *
   * @throws RunDirectoryException if it does not exist or holds none of a run's files
   */
  public static RunDirectory resume(Path dir) {
    RunDirectory run = existing(dir, "cannot resume");
    run.createLayout();
    return run;
  }

  /**
   * Opens the directory of an earlier run to read it (inspect): nothing in it is created or changed.
   *
   * @throws RunDirectoryException if it does not exist or holds none of a run's files
   */
  public static RunDirectory read(Path dir) {
    return existing(dir, "cannot read");
  }

  private static RunDirectory existing(Path dir, String failure) {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new RunDirectoryException(root, failure + ": run directory " + root + " does not exist");
    }
    RunDirectory run = new RunDirectory(root);
    if (!Files.exists(run.configFile())
        && !Files.exists(run.metricsFile())
        && !Files.isDirectory(run.checkpointsDir())) {
      throw new RunDirectoryException(root, failure + ": " + root + " does not look like a run"
          + " directory (no config.yaml, metrics.jsonl or checkpoints/); pass the --out of an"
          + " earlier run");
    }
    return run;
  }

  public Path root() {
    return root;
  }

  /** The effective configuration of the run, written once at its start. */
  public Path configFile() {
    return root.resolve("config.yaml");
  }

  /** See {@link MetricsLog}. */
  public Path metricsFile() {
    return root.resolve("metrics.jsonl");
  }

  /** Final results, replaced atomically by {@link #writeJsonAtomically}. */
  public Path summaryFile() {
    return root.resolve("summary.json");
  }

  /** See {@link CheckpointManager}. */
  public Path checkpointsDir() {
    return root.resolve("checkpoints");
  }

  /** Parent of the per-split event directories; point TensorBoard's {@code --logdir} here. */
  public Path tensorboardDir() {
    return root.resolve("tensorboard");
  }

  /** Event directory of one split, e.g. {@code train} or {@code eval}. */
  public Path tensorboardDir(String split) {
    return tensorboardDir().resolve(plainName(split));
  }

  /**
   * Writes {@code value} as pretty JSON to {@code RUN/<name>} so that readers see the old or the
   * new file, never a partial one.
   */
  public void writeJsonAtomically(String name, Object value) {
    Path target = root.resolve(plainName(name));
    try {
      DurableFiles.writeAtomically(
          target, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + target + " as JSON: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private void createLayout() {
    try {
      Files.createDirectories(checkpointsDir());
      Files.createDirectories(tensorboardDir());
    } catch (IOException e) {
      throw new RunDirectoryException(root, "cannot create run directory " + root + ": "
          + e.getMessage(), e);
    }
  }

  private static String plainName(String name) {
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..")
        || name.equals(".")) {
      throw new IllegalArgumentException("expected a plain file name, got '" + name + "'");
    }
    return name;
  }

  private static boolean isEmptyOrMissing(Path dir) {
    if (!Files.isDirectory(dir)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new RunDirectoryException(dir, "cannot read output directory " + dir + ": "
          + e.getMessage(), e);
    }
  }

  /** Empties {@code root}, refusing places where a mistyped --out would destroy real work. */
  private static void clear(Path root) {
    Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath().normalize();
    if (root.getParent() == null || home.startsWith(root) || cwd.startsWith(root)) {
      throw new RunDirectoryException(root, "refusing to --force clear " + root + ": it is the"
          + " filesystem root, your home or working directory, or contains one of them; choose a"
          + " dedicated --out directory");
    }
    try (Stream<Path> entries = Files.list(root)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        DurableFiles.deleteRecursively(entry);
      }
    } catch (IOException e) {
      throw new RunDirectoryException(root, "cannot clear " + root + " for --force: "
          + e.getMessage(), e);
    }
  }
}
