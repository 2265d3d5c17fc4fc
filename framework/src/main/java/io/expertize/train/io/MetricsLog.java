package io.expertize.train.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends one JSON object per line to {@code metrics.jsonl}, flushed per line so a crash loses
 * at most the line being written, e.g.
 * {@code {"kind":"train","step":100,"epoch":0,"loss":1.23,"lr":0.001,"time":1735689600.5}}.
 * Non-finite values are written as the strings {@code "NaN"}, {@code "Infinity"}, keeping each
 * line valid JSON.
 */
public final class MetricsLog implements AutoCloseable {

  private static final Set<String> RESERVED = Set.of("kind", "step", "epoch", "time");

  private final Path file;
  private final BufferedWriter out;

  private MetricsLog(Path file, BufferedWriter out) {
    this.file = file;
    this.out = out;
  }

  /** Opens {@code file} for appending (a resumed run continues its log), creating it if needed. */
  public static MetricsLog open(Path file) {
    try {
      dropTornLine(file);
      return new MetricsLog(
          file,
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open metrics log " + file, e);
    }
  }

  /**
   * Writes {@code {"kind":..,"step":..,"epoch":.., <values in map order>, "time":<unix secs>}}.
   *
   * @param values metric name to number (or any JSON-serializable value); must not use the
   *     reserved keys kind, step, epoch, time
   */
  public synchronized void log(String kind, long step, long epoch, Map<String, ?> values) {
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("kind", kind).put("step", step).put("epoch", epoch);
    values.forEach(
        (key, value) -> {
          if (RESERVED.contains(key)) {
            throw new IllegalArgumentException(
                "metric name '" + key + "' is reserved; reserved names are " + RESERVED);
          }
          line.set(key, Json.MAPPER.valueToTree(value));
        });
    line.put("time", System.currentTimeMillis() / 1000.0);
    write(line);
  }

  private void write(JsonNode line) {
    try {
      out.write(Json.MAPPER.writeValueAsString(line));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to metrics log " + file, e);
    }
  }

  /**
   * Reads every record of a metrics log. A torn last line (the process died while writing it)
   * is ignored; a malformed line before it is an error naming the line.
   */
  public static List<ObjectNode> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    boolean lastIsComplete = Files.size(file) == 0 || endsWithNewline(file);
    List<ObjectNode> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = Json.MAPPER.readTree(line);
        if (!(node instanceof ObjectNode object)) {
          throw new IOException(file + ":" + (i + 1) + ": not a JSON object");
        }
        records.add(object);
      } catch (JsonProcessingException e) {
        if (i == lines.size() - 1 && !lastIsComplete) {
          break; // torn by a crash mid-write
        }
        throw new IOException(file + ":" + (i + 1) + ": not valid JSON: " + e.getOriginalMessage());
      }
    }
    return records;
  }

  /**
   * Drops every record after {@code step} (and a torn last line), replacing the file atomically,
   * so a run resumed from checkpoint {@code step} logs each later step once. Kept lines stay
   * byte for byte as they were.
   *
   * @return how many records were dropped
   */
  public static int truncateAfter(Path file, long step) throws IOException {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    List<ObjectNode> records = read(file); // checks every line, tolerating only a torn last one
    StringBuilder kept = new StringBuilder();
    int dropped = 0;
    int record = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      if (record >= records.size()) {
        break; // the torn last line
      }
      if (records.get(record++).path("step").asLong() <= step) {
        kept.append(line).append('\n');
      } else {
        dropped++;
      }
    }
    DurableFiles.writeAtomically(file, kept.toString().getBytes(StandardCharsets.UTF_8));
    return dropped;
  }

  /** The file being written. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close metrics log " + file, e);
    }
  }

  /**
   * Drops a last line torn by a crash (no trailing newline), so a resumed run's first record
   * starts on a line of its own and the log stays readable throughout.
   */
  private static void dropTornLine(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long end = raf.length();
      while (end > 0) {
        raf.seek(end - 1);
        if (raf.read() == '\n') {
          break;
        }
        end--;
      }
      raf.setLength(end);
    }
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      raf.seek(raf.length() - 1);
      return raf.read() == '\n';
    }
  }
}
