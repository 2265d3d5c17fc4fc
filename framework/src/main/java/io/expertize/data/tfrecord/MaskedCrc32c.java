package io.expertize.data.tfrecord;

import java.util.zip.CRC32C;

/**
 * The checksum of TFRecord framing: CRC-32C (Castagnoli) rotated right by 15 bits plus
 * {@code 0xa282ead8}, which TensorFlow's {@code crc32c::Mask} applies so that a CRC stored beside the data
 * it covers does not checksum to a fixed value.
 */
final class MaskedCrc32c {
  private static final int DELTA = 0xa282ead8;

  private MaskedCrc32c() {}

  static int of(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + DELTA;
  }
}
