package io.expertize.train.callbacks;

import io.expertize.train.io.DurableFiles;
import io.expertize.train.io.EventFileReader;
import io.expertize.train.io.ScalarEvent;
import io.expertize.train.io.TensorBoardWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The event files of an interrupted run, carried over into a resumed run's new ones. */
final class EventFiles {
  private EventFiles() {}

  /** The event files in {@code dir}; none if it does not exist yet. */
  static List<Path> in(Path dir) {
    try {
      return Files.isDirectory(dir) ? EventFileReader.eventFiles(dir) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list TensorBoard files in " + dir, e);
    }
  }

  /**
   * Writes the scalars of {@code files} up to {@code lastStep} into {@code into} (each tag and step
   * once: a copy interrupted before the old files went may be read again next time), flushes, and
   * only then deletes {@code files}. The copies carry the time of copying, the step they had.
   */
  static void carryOver(List<Path> files, TensorBoardWriter into, long lastStep) {
    if (files.isEmpty()) {
      return;
    }
    Set<String> written = new HashSet<>();
    try {
      for (Path file : files) {
        for (ScalarEvent e : EventFileReader.readIntactScalars(file)) {
          if (e.step() <= lastStep && written.add(e.tag() + "\u0000" + e.step())) {
            into.scalar(e.tag(), e.step(), e.value());
          }
        }
      }
      into.flush();
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
      DurableFiles.fsyncDirectory(into.logDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot carry the TensorBoard scalars of " + files + " over to step " + lastStep, e);
    }
  }
}
