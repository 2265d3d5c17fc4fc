package io.expertize.data;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of one split, named by a glob over the file names of one directory ({@code train-*.tfrecord},
 * {@code /data/mnist/mnist-test.tfrecord-*}), relative to the data directory unless absolute; or, with no
 * glob given, the data directory's files whose names contain a word ({@code train}, {@code test}, {@code val}),
 * as TFDS ({@code mnist-train.tfrecord-00000-of-00001}) and the Model Garden ({@code train-00000-of-01024})
 * name them. Hidden files are left out; the files are sorted by name.
 */
public final class SplitFiles {
  private SplitFiles() {}

  /** The files matching {@code glob}; an error naming it (and the key) when none do. */
  public static List<Path> glob(Optional<Path> dir, String glob, String key) {
    Path pattern = dir.map(d -> d.resolve(glob)).orElse(Path.of(glob));
    Path parent = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
    if (parent.toString().matches(".*[*?\\[{].*")) {
      throw new DataException(key + " = " + glob + ": only the file name may hold wildcards, not the directory "
          + parent);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
    List<Path> files = list(parent).filter(p -> matcher.matches(p.getFileName())).toList();
    if (files.isEmpty()) {
      throw new DataException(key + " = " + glob + ": no file in " + parent + " matches " + pattern.getFileName());
    }
    return files;
  }

  /** The files of {@code dir} whose names contain {@code word} (case-sensitively); empty when none do. */
  public static List<Path> containing(Path dir, String word) {
    if (!Files.isDirectory(dir)) {
      throw new DataException("data directory not found: " + dir);
    }
    return list(dir).filter(p -> p.getFileName().toString().contains(word)).toList();
  }

  /** Every file of {@code dir}. */
  public static List<Path> all(Path dir) {
    return list(dir).toList();
  }

  private static Stream<Path> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted().toList().stream();
    } catch (IOException e) {
      throw new DataException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
