package io.expertize.graph;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The variable list of a TF checkpoint ({@code <prefix>.index}, written by {@code Session.save}):
 * every tensor's name, dtype and shape, read without touching the data files. TF Java has no
 * checkpoint reader; the index is a LevelDB-format table (uncompressed blocks, as TF's bundle writer
 * makes them) whose keys are the tensor names and whose values are {@code BundleEntryProto}s.
 */
public final class CheckpointIndex {
  private static final long TABLE_MAGIC = 0xdb4775248b80fb57L;
  private static final int FOOTER = 48;
  private static final int BLOCK_TRAILER = 5;

  /** One tensor of the checkpoint. */
  public record Entry(DataType dtype, Shape shape) {
    @Override
    public String toString() {
      return Arrays.toString(shape.asArray()) + (dtype == DataType.DT_FLOAT ? "" : " " + dtype);
    }
  }

  private CheckpointIndex() {}

  /**
   * Tensors by name, in the checkpoint's (sorted) order.
   *
   * @param prefix the checkpoint prefix ({@code ckpt-000000100/variables}); the file read is
   *     {@code prefix.index}
   * @throws IOException if the file cannot be read or is not a checkpoint index
   */
  public static Map<String, Entry> read(Path prefix) throws IOException {
    Path file = prefix.resolveSibling(prefix.getFileName() + ".index");
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (buf.limit() < FOOTER || buf.getLong(buf.limit() - 8) != TABLE_MAGIC) {
      throw new IOException(file + " is not a TensorFlow checkpoint index (no table footer)");
    }
    ByteBuffer footer = slice(buf, buf.limit() - FOOTER, FOOTER - 8);
    varint(footer); // metaindex block: unused by the bundle format
    varint(footer);
    ByteBuffer index = block(buf, varint(footer), varint(footer), file);
    Map<String, Entry> out = new LinkedHashMap<>();
    forEachEntry(index, (key, handle) -> {
      ByteBuffer data = block(buf, varint(handle), varint(handle), file);
      forEachEntry(data, (name, value) -> {
        if (!name.isEmpty()) { // the empty key holds the BundleHeaderProto
          BundleEntryProto e = BundleEntryProto.parseFrom(value);
          out.put(name, new Entry(e.getDtype(), shape(e.getShape())));
        }
      });
    });
    return out;
  }

  private interface EntryConsumer {
    void accept(String key, ByteBuffer value) throws IOException;
  }

  /** The key/value entries of one block; keys share prefixes with their predecessor. */
  private static void forEachEntry(ByteBuffer block, EntryConsumer consumer) throws IOException {
    int size = block.limit();
    int restarts = block.getInt(size - 4);
    int end = size - 4 * (restarts + 1);
    if (end < 0) {
      throw new IOException("corrupt block: " + restarts + " restart points in " + size + " bytes");
    }
    byte[] key = new byte[0];
    block.position(0);
    while (block.position() < end) {
      int shared = (int) varint(block);
      int unshared = (int) varint(block);
      int valueLength = (int) varint(block);
      if (shared > key.length || block.position() + unshared + valueLength > end) {
        throw new IOException("corrupt block entry at byte " + block.position());
      }
      byte[] next = Arrays.copyOf(key, shared + unshared);
      block.get(next, shared, unshared);
      key = next;
      ByteBuffer value = slice(block, block.position(), valueLength);
      block.position(block.position() + valueLength);
      consumer.accept(new String(key, java.nio.charset.StandardCharsets.UTF_8), value);
    }
  }

  private static ByteBuffer block(ByteBuffer file, long offset, long size, Path name) throws IOException {
    if (offset < 0 || size < 0 || offset + size + BLOCK_TRAILER > file.limit()) {
      throw new IOException(name + ": block at " + offset + " (" + size + " bytes) lies outside the file");
    }
    byte compression = file.get((int) (offset + size));
    if (compression != 0) {
      throw new IOException(name + ": compressed block (type " + compression + "); expected an uncompressed index");
    }
    return slice(file, (int) offset, (int) size);
  }

  private static ByteBuffer slice(ByteBuffer b, int offset, int length) {
    return b.slice(offset, length).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static long varint(ByteBuffer b) throws IOException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!b.hasRemaining()) {
        throw new IOException("truncated varint");
      }
      byte x = b.get();
      result |= (long) (x & 0x7f) << shift;
      if (x >= 0) {
        return result;
      }
    }
    throw new IOException("varint longer than 10 bytes");
  }

  private static Shape shape(TensorShapeProto p) {
    if (p.getUnknownRank()) {
      return Shape.unknown();
    }
    return Shape.of(p.getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray());
  }
}
