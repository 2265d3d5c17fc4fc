package io.expertize.train.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads TFRecord framing: {@code uint64 length, uint32 masked_crc32c(length), data,
 * uint32 masked_crc32c(data)}, all little-endian. Both checksums are verified so a truncated or
 * damaged file is reported, not silently misread.
 */
final class TfRecordReader implements AutoCloseable {

  private static final int MASK_DELTA = 0xa282ead8;

  private final Path file;
  private final DataInputStream in;
  private long offset;

  TfRecordReader(Path file, InputStream in) {
    this.file = file;
    this.in = new DataInputStream(in);
  }

  /** The next record's payload, or {@code null} at a clean end of file. */
  byte[] next() throws IOException {
    byte[] header = new byte[8];
    int first = in.read(header, 0, 1);
    if (first < 0) {
      return null;
    }
    readFully(header, 1, 7, "record length");
    int lengthCrc = readInt("length checksum");
    if (maskedCrc32c(header, 0, 8) != lengthCrc) {
      throw corrupt("length checksum mismatch");
    }
    long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (length < 0 || length > Integer.MAX_VALUE - 8) {
      throw corrupt("implausible record length " + length);
    }
    byte[] data = new byte[(int) length];
    readFully(data, 0, data.length, "record data");
    int dataCrc = readInt("data checksum");
    if (maskedCrc32c(data, 0, data.length) != dataCrc) {
      throw corrupt("data checksum mismatch");
    }
    offset += 8 + 4 + length + 4;
    return data;
  }

  /** TFRecord's masked CRC32C (Castagnoli): rotate right by 15, then add a constant. */
  static int maskedCrc32c(byte[] bytes, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, off, len);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + MASK_DELTA;
  }

  private int readInt(String what) throws IOException {
    byte[] b = new byte[4];
    readFully(b, 0, 4, what);
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  private void readFully(byte[] b, int off, int len, String what) throws IOException {
    try {
      in.readFully(b, off, len);
    } catch (EOFException e) {
      throw corrupt("truncated " + what);
    }
  }

  private IOException corrupt(String what) {
    return new IOException(file + ": corrupt TFRecord at byte " + offset + ": " + what);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
