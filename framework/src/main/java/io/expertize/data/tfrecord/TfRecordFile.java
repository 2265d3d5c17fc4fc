package io.expertize.data.tfrecord;

import io.expertize.data.DataException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The records of one TFRecord file. Each record is framed as TensorFlow's {@code RecordWriter} writes it:
 * its length (uint64, little-endian), the masked CRC-32C of those 8 bytes, the data, the masked CRC-32C of
 * the data. Both checksums are checked; a mismatch, a cut-off record or a length beyond the file is an
 * error naming the file and the record's index. Gzip-compressed files (TFRecordOptions GZIP) are read
 * through {@link GZIPInputStream}, which is the compression TensorFlow's ZLIB output buffer writes.
 */
public final class TfRecordFile {
  private static final int MAX_RECORD = Integer.MAX_VALUE - 16;

  private TfRecordFile() {}

  /** Every record's data, in file order. */
  public static List<byte[]> read(Path file, Compression compression) {
    try (InputStream in = open(file, compression)) {
      List<byte[]> records = new ArrayList<>();
      byte[] header = new byte[12];
      while (true) {
        int got = in.readNBytes(header, 0, 12);
        if (got == 0) {
          return records;
        }
        int index = records.size();
        if (got < 12) {
          throw bad(file, index, "the file ends inside the record's 12-byte header (" + got + " bytes)");
        }
        ByteBuffer head = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long length = head.getLong(0);
        if (head.getInt(8) != MaskedCrc32c.of(header, 0, 8)) {
          throw bad(file, index, "the CRC of the record's length does not match (the file is corrupt or not a TFRecord "
              + "file" + (compression == Compression.NONE ? ", or gzip-compressed: set data.compression=gzip" : "") + ")");
        }
        if (length < 0 || length > MAX_RECORD) {
          throw bad(file, index, "the record claims " + Long.toUnsignedString(length) + " bytes");
        }
        byte[] data = new byte[(int) length + 4];
        int read = in.readNBytes(data, 0, data.length);
        if (read < data.length) {
          throw bad(file, index, "the file ends inside the record (" + read + " of " + data.length + " bytes)");
        }
        int stored = ByteBuffer.wrap(data, (int) length, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (stored != MaskedCrc32c.of(data, 0, (int) length)) {
          throw bad(file, index, "the CRC of the record's data does not match (the file is corrupt)");
        }
        records.add(Arrays.copyOf(data, (int) length));
      }
    } catch (IOException e) {
      throw new DataException("cannot read TFRecord file " + file + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path file, Compression compression) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    boolean gzip = switch (compression) {
      case GZIP -> true;
      case NONE -> false;
      case AUTO -> startsWithGzipMagic(in);
    };
    return gzip ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /** Gzip's magic and its one compression method, deflate: 1f 8b 08. */
  private static boolean startsWithGzipMagic(InputStream in) throws IOException {
    in.mark(3);
    byte[] first = in.readNBytes(3);
    in.reset();
    return first.length == 3 && (first[0] & 0xFF) == 0x1f && (first[1] & 0xFF) == 0x8b && first[2] == 8;
  }

  private static DataException bad(Path file, int index, String what) {
    return new DataException(file + ", record " + index + ": " + what);
  }
}
