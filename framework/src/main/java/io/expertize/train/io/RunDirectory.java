package io.expertize.train.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
 * the caller asks to {@code --resume} it or to {@code --force} (clear) it. Opened by
 * {@link #createLocked} or {@link #resumeLocked}, the directory is held by this process alone
 * ({@link DirectoryLock}, {@code RUN/.expertize.lock}) until {@link #close()}.
 */
public final class RunDirectory implements AutoCloseable {

  private final Path root;
  private final DirectoryLock lock; // null when opened without one

  private RunDirectory(Path root, DirectoryLock lock) {
    this.root = root;
    this.lock = lock;
  }

  /**
   * Creates the directory for a new run, without a lock (library use and tests; the CLI uses
   * {@link #createLocked}).
   *
   * @param force clear an earlier run's directory first instead of refusing
   * @throws RunDirectoryException if {@code dir} is non-empty and {@code force} is false, is a
   *     file, or may not be cleared ({@link ForceClear})
   */
  public static RunDirectory create(Path dir, boolean force) {
    return create(dir, ForceClear.of(force), false);
  }

  /**
   * Creates the directory for a new run and locks it ({@link DirectoryLock}) before anything in
   * it is removed, so a run still training there is never cleared under it. The lock is held
   * until {@link #close()}.
   *
   * @throws DirectoryLockedException if another process holds the directory
   */
  public static RunDirectory createLocked(Path dir, ForceClear force) {
    return create(dir, force, true);
  }

  private static RunDirectory create(Path dir, ForceClear force, boolean lock) {
    Path root = dir.toAbsolutePath().normalize();
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new RunDirectoryException(root, "output path " + root + " is a file, not a directory;"
          + " choose another --out");
    }
    // checked before locking too: the lock file is never created in a directory that is not ours
    force.announcingTo(s -> {}).entriesToRemove(root);
    DirectoryLock held = lock ? DirectoryLock.acquire(root, "training") : null;
    RunDirectory run = new RunDirectory(root, held);
    try {
      clear(force.entriesToRemove(root));
      run.createLayout();
      return run;
    } catch (RuntimeException e) {
      run.close();
      throw e;
    }
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
   * Opens the directory of an earlier run to continue it, locked until {@link #close()}.
   *
   * @throws DirectoryLockedException if another process (the run itself, still training) holds it
   */
  public static RunDirectory resumeLocked(Path dir) {
    RunDirectory found = existing(dir, "cannot resume");
    RunDirectory run = new RunDirectory(found.root, DirectoryLock.acquire(found.root, "training"));
    try {
      run.createLayout();
      return run;
    } catch (RuntimeException e) {
      run.close();
      throw e;
    }
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
    if (Files.isRegularFile(root)) {
      throw new RunDirectoryException(root, failure + ": " + root + " is a file, not a run directory;"
          + " pass the --out directory of an earlier run");
    }
    if (!Files.isDirectory(root)) {
      throw new RunDirectoryException(root, failure + ": run directory " + root + " does not exist");
    }
    RunDirectory run = new RunDirectory(root, null);
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

  /** Writes {@code text} (UTF-8) to {@code RUN/<name>}, old or new file, never a partial one. */
  public void writeTextAtomically(String name, String text) {
    Path target = root.resolve(plainName(name));
    try {
      DurableFiles.writeAtomically(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
          + IoReasons.of(e), e);
    }
  }

  private static String plainName(String name) {
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..")
        || name.equals(".")) {
      throw new IllegalArgumentException("expected a plain file name, got '" + name + "'");
    }
    return name;
  }

  /** Releases the lock, if this process holds one. Idempotent. */
  @Override
  public void close() {
    if (lock != null) {
      lock.close();
    }
  }

  private static void clear(List<Path> entries) {
    for (Path entry : entries) {
      try {
        DurableFiles.deleteRecursively(entry);
      } catch (IOException e) {
        throw new RunDirectoryException(entry.getParent(), "cannot clear " + entry + " for --force: "
            + IoReasons.of(e), e);
      }
    }
  }
}
