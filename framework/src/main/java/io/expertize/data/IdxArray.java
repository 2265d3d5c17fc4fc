package io.expertize.data;

/**
 * The uint8 payload of an IDX file, possibly only its first {@code count} items.
 *
 * @param header the header as declared in the file (full count, even when fewer items were read)
 * @param count the number of items actually read
 * @param data {@code count * header.itemBytes()} bytes, row-major; not copied, do not share
 */
public record IdxArray(IdxHeader header, int count, byte[] data) {

  /** Unsigned value of byte {@code i}. */
  public int unsigned(int i) {
    return data[i] & 0xFF;
  }
}
