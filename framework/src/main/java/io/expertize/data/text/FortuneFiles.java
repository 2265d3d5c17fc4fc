package io.expertize.data.text;

import io.expertize.data.DataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * English text from the Debian package {@code fortunes} (and {@code fortunes-min}): plain UTF-8
 * files in {@code /usr/share/games/fortunes}, one quotation per record, records separated by a line
 * holding only {@code %}. The {@code .dat} indexes and the {@code .u8} links to the same files are
 * skipped, so each quotation is read once.
 */
public final class FortuneFiles {
  public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/games/fortunes");
  public static final String PACKAGE = "fortunes";

  private FortuneFiles() {}

  /** Every non-blank quotation of a fortune file, or of every fortune file in a directory (by name). */
  public static List<String> read(Path fileOrDirectory) {
    if (!Files.exists(fileOrDirectory)) {
      throw new DataException("no fortune files at " + fileOrDirectory
          + ": install the Debian package '" + PACKAGE + "' (apt-get install " + PACKAGE + ") or pass a directory of text files");
    }
    List<String> records = new ArrayList<>();
    for (Path file : files(fileOrDirectory)) {
      try {
        split(Files.readString(file, StandardCharsets.UTF_8), records);
      } catch (IOException e) {
        throw new DataException("cannot read fortune file " + file + ": " + e.getMessage(), e);
      }
    }
    if (records.isEmpty()) {
      throw new DataException("no text in " + fileOrDirectory + ": expected records separated by lines holding only '%'");
    }
    return records;
  }

  private static List<Path> files(Path fileOrDirectory) {
    if (!Files.isDirectory(fileOrDirectory)) {
      return List.of(fileOrDirectory);
    }
    try (Stream<Path> entries = Files.list(fileOrDirectory)) {
      return entries
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !p.getFileName().toString().contains("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DataException("cannot list " + fileOrDirectory + ": " + e.getMessage(), e);
    }
  }

  private static void split(String text, List<String> records) {
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.equals("%")) {
        add(current, records);
      } else {
        current.append(line).append('\n');
      }
    }
    add(current, records);
  }

  private static void add(StringBuilder record, List<String> records) {
    String text = record.toString().strip();
    if (!text.isEmpty()) {
      records.add(text);
    }
    record.setLength(0);
  }
}
