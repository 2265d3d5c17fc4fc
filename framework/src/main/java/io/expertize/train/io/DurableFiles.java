package io.expertize.train.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * File operations that survive a crash or power cut: fsync, and write-then-rename so readers
 * see either the old or the new content, never a torn file. Public for {@link #writeAtomically}, which
 * other packages' outputs (plots) use too; the rest stays with this package.
 */
public final class DurableFiles {

  private DurableFiles() {}

  /** Forces a regular file's content to disk. */
  static void fsync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /**
   * Forces a directory's entries (creations, renames) to disk. Some platforms cannot open a
   * directory; there the rename's durability is up to the OS, which is the best available.
   */
  public static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // not supported here (e.g. Windows): nothing more can be done
    }
  }

  /** Fsyncs every regular file directly in {@code dir}, then the directory itself. */
  static void fsyncFilesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          fsync(f);
        }
      }
    }
    fsyncDirectory(dir);
  }

  /** Replaces {@code target} with {@code bytes} atomically (temp sibling, fsync, rename). */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = dir.resolve(".tmp-" + target.getFileName() + "-" + UUID.randomUUID());
    try {
      Files.write(tmp, bytes);
      fsync(tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    fsyncDirectory(dir);
  }

  /** Deletes {@code path} and everything below it; a missing path is not an error. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
