package io.expertize.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The header of an IDX file: the magic number and the dimensions it declares.
 *
 * @param file the file the header was read from (for messages)
 * @param magic the 32-bit magic number, e.g. {@code 0x00000803}
 * @param dims the declared dimensions; {@code dims[0]} is the item count
 */
public record IdxHeader(Path file, int magic, int[] dims) {

  public IdxHeader {
    dims = dims.clone();
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  /** Number of items (the first dimension). */
  public int count() {
    return dims[0];
  }

  /** Bytes per item: the product of all dimensions but the first. */
  public long itemBytes() {
    long bytes = 1;
    for (int i = 1; i < dims.length; i++) {
      bytes *= dims[i];
    }
    return bytes;
  }

  /** Header size in bytes: magic plus one int per dimension. */
  public int headerBytes() {
    return 4 + 4 * dims.length;
  }

  @Override
  public String toString() {
    return "IdxHeader[" + file + ", magic=" + IdxReader.hex(magic) + ", dims=" + Arrays.toString(dims) + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdxHeader h
        && h.file.equals(file) && h.magic == magic && Arrays.equals(h.dims, dims);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * file.hashCode() + magic) + Arrays.hashCode(dims);
  }
}
