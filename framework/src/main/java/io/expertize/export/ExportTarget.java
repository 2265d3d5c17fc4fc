package io.expertize.export;

import io.expertize.train.io.DirectoryLock;
import io.expertize.train.io.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where an export goes: {@code BASE/NAME/VERSION/}, the layout TensorFlow Serving watches (it loads
 * the highest numeric version directory). The version is written in a hidden staging directory
 * beside it and renamed into place, so Serving never sees a half-written model and an existing
 * version is replaced only when {@code force} is set.
 */
public final class ExportTarget {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern VERSION = Pattern.compile("[0-9]+");
  private static final String STAGING = ".tmp-export-";
  private static final String REPLACED = ".tmp-replaced-";

  private final Path modelDir;
  private final long version;
  private final boolean force;

  private ExportTarget(Path modelDir, long version, boolean force) {
    this.modelDir = modelDir;
    this.version = version;
    this.force = force;
  }

  /**
   * @param version the version to write; empty for one above the highest present (1 if none)
   * @throws ExportException for a bad name or version, or a version that exists without {@code force}
   */
  public static ExportTarget resolve(Path base, String name, OptionalLong version, boolean force) {
    if (!NAME.matcher(name).matches()) {
      throw new ExportException("--name '" + name + "' is not a model name TF Serving accepts as a directory: "
          + "use letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
    if (version.isPresent() && version.getAsLong() < 1) {
      throw new ExportException("--version " + version.getAsLong() + ": versions are positive integers (TF Serving loads the highest)");
    }
    if (Files.exists(base) && !Files.isDirectory(base)) {
      throw new ExportException("--out " + base + " is a file; it must be a directory (the model base path)");
    }
    Path modelDir = base.toAbsolutePath().normalize().resolve(name);
    long v = version.orElseGet(() -> highestVersion(modelDir) + 1);
    ExportTarget target = new ExportTarget(modelDir, v, force);
    if (Files.exists(target.path()) && !force) {
      throw new ExportException(target.path() + " exists: pass --force to replace it, or --version N (or no "
          + "--version) to write a new version beside it");
    }
    return target;
  }

  /** The version directory this export creates. */
  public Path path() {
    return modelDir.resolve(Long.toString(version));
  }

  public long version() {
    return version;
  }

  /**
   * Holds {@code BASE/NAME} for this process while it exports ({@link DirectoryLock}): a second export
   * there is refused, naming this one, and nothing is mixed.
   */
  DirectoryLock lock() {
    DirectoryLock lock = DirectoryLock.acquire(modelDir, "exporting version " + version);
    try {
      if (Files.exists(path()) && !force) {
        throw new ExportException(path() + " was written by another export since this one started; nothing was"
            + " replaced: run the export again for the next version, or pass --force to replace it");
      }
      recoverFromKilledExports();
      return lock;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * With the lock held, staging directories are left only by exports that were killed: their
   * half-written versions are deleted, and a version moved aside by a killed {@code --force} is put
   * back if its replacement never arrived.
   */
  private void recoverFromKilledExports() {
    try (Stream<Path> children = Files.list(modelDir)) {
      for (Path p : children.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(REPLACED)) {
          Path original = modelDir.resolve(name.substring(REPLACED.length()).split("-", 2)[0]);
          if (!Files.exists(original)) {
            Files.move(p, original, StandardCopyOption.ATOMIC_MOVE);
            continue;
          }
        }
        if (name.startsWith(STAGING) || name.startsWith(REPLACED)) {
          DurableFiles.deleteRecursively(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up after an earlier export in " + modelDir, e);
    }
  }

  /** A fresh hidden directory beside the target, on the same file system so the final rename is atomic. */
  Path stage() {
    try {
      Files.createDirectories(modelDir);
      return Files.createDirectory(modelDir.resolve(STAGING + version + "-" + UUID.randomUUID()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a staging directory in " + modelDir, e);
    }
  }

  /** Moves a complete staged export into place; with {@code force} the old version goes only after. */
  void commit(Path staged) {
    Path target = path();
    try {
      Path replaced = null;
      if (Files.exists(target)) {
        if (!force) {
          throw new ExportException(target + " appeared while exporting; nothing was replaced (pass --force to replace it)");
        }
        replaced = modelDir.resolve(REPLACED + version + "-" + UUID.randomUUID());
        Files.move(target, replaced, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      DurableFiles.fsyncDirectory(modelDir);
      if (replaced != null) {
        DurableFiles.deleteRecursively(replaced);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the export into " + target, e);
    }
  }

  /** Removes a staged export after a failure; best effort. */
  static void discard(Path staged) {
    try {
      DurableFiles.deleteRecursively(staged);
    } catch (IOException ignored) {
      // a leftover .tmp-export-* directory is ignored by TF Serving and by the next export
    }
  }

  private static long highestVersion(Path modelDir) {
    if (!Files.isDirectory(modelDir)) {
      return 0;
    }
    try (Stream<Path> children = Files.list(modelDir)) {
      return children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> VERSION.matcher(n).matches()).mapToLong(Long::parseLong).max().orElse(0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + modelDir, e);
    }
  }
}
