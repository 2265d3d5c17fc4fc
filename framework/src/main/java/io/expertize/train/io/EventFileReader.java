package io.expertize.train.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.tensorflow.proto.DataClass;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.TensorProto;

/**
 * Reads the scalars back out of TensorBoard event files ({@code events.out.tfevents.*}). Used
 * by tests and by {@code expertize inspect}; record checksums are verified.
 */
public final class EventFileReader {

  /** The file name prefix TensorBoard scans a log directory for. */
  public static final String FILE_PREFIX = "events.out.tfevents.";

  private EventFileReader() {}

  /** Event files directly inside {@code dir}, sorted by name (which starts with the time). */
  public static List<Path> eventFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(FILE_PREFIX))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
  }

  /** All scalars of all event files in {@code dir}, in file order then write order. */
  public static List<ScalarEvent> readScalarsIn(Path dir) throws IOException {
    List<ScalarEvent> all = new ArrayList<>();
    for (Path file : eventFiles(dir)) {
      all.addAll(readScalars(file));
    }
    return all;
  }

  /**
   * The scalars of one event file in write order. Both encodings are understood: the classic
   * {@code simple_value} and TF2's rank-0 {@code tensor} with the {@code scalars} plugin.
   *
   * @throws IOException if the file cannot be read, a checksum fails or a record is not an Event
   */
  public static List<ScalarEvent> readScalars(Path file) throws IOException {
    List<ScalarEvent> scalars = new ArrayList<>();
    try (TfRecordReader records =
        new TfRecordReader(file, new BufferedInputStream(Files.newInputStream(file)))) {
      for (byte[] record = records.next(); record != null; record = records.next()) {
        addScalars(Event.parseFrom(record), scalars);
      }
    }
    return scalars;
  }

  /**
   * The scalars of one event file up to its first unreadable record: a file whose writer was
   * killed ends in a torn record, and what precedes it is intact.
   */
  public static List<ScalarEvent> readIntactScalars(Path file) throws IOException {
    List<ScalarEvent> scalars = new ArrayList<>();
    try (TfRecordReader records =
        new TfRecordReader(file, new BufferedInputStream(Files.newInputStream(file)))) {
      while (true) {
        byte[] record;
        try {
          record = records.next();
        } catch (IOException torn) {
          break;
        }
        if (record == null) {
          break;
        }
        addScalars(Event.parseFrom(record), scalars);
      }
    }
    return scalars;
  }

  private static void addScalars(Event event, List<ScalarEvent> scalars) {
    if (!event.hasSummary()) {
      return; // file_version header, graphs, session logs
    }
    for (Summary.Value v : event.getSummary().getValueList()) {
      OptionalDouble value = scalarOf(v);
      if (value.isPresent()) {
        scalars.add(new ScalarEvent(v.getTag(), event.getStep(), (float) value.getAsDouble(), event.getWallTime()));
      }
    }
  }

  private static OptionalDouble scalarOf(Summary.Value v) {
    if (v.hasSimpleValue()) {
      return OptionalDouble.of(v.getSimpleValue());
    }
    boolean scalarPlugin =
        v.hasMetadata()
            && ("scalars".equals(v.getMetadata().getPluginData().getPluginName())
                || v.getMetadata().getDataClass() == DataClass.DATA_CLASS_SCALAR);
    if (!v.hasTensor() || !scalarPlugin || v.getTensor().getTensorShape().getDimCount() != 0) {
      return OptionalDouble.empty();
    }
    return tensorScalar(v.getTensor());
  }

  private static OptionalDouble tensorScalar(TensorProto t) {
    ByteBuffer content = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    boolean packed = content.hasRemaining();
    return switch (t.getDtype()) {
      case DT_FLOAT -> packed
          ? OptionalDouble.of(content.getFloat())
          : first(t.getFloatValCount() > 0, () -> t.getFloatVal(0));
      case DT_DOUBLE -> packed
          ? OptionalDouble.of(content.getDouble())
          : first(t.getDoubleValCount() > 0, () -> t.getDoubleVal(0));
      case DT_INT32 -> packed
          ? OptionalDouble.of(content.getInt())
          : first(t.getIntValCount() > 0, () -> t.getIntVal(0));
      case DT_INT64 -> packed
          ? OptionalDouble.of(content.getLong())
          : first(t.getInt64ValCount() > 0, () -> t.getInt64Val(0));
      default -> OptionalDouble.empty();
    };
  }

  private static OptionalDouble first(boolean present, DoubleSupplier value) {
    return present ? OptionalDouble.of(value.getAsDouble()) : OptionalDouble.empty();
  }
}
