package io.expertize.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads uint8 IDX files (the MNIST / Fashion-MNIST format), plain or gzipped.
 *
 * <p>Compression is detected from the gzip magic bytes, not the file name. Every failure is a
 * {@link DataException} that names the file and says what was expected.
 */
public final class IdxReader {

  /** uint8 images {@code [n, rows, cols]}. */
  public static final int MAGIC_IMAGES = 0x00000803;
  /** uint8 labels {@code [n]}. */
  public static final int MAGIC_LABELS = 0x00000801;

  private static final int GZIP_MAGIC_0 = 0x1f;
  private static final int GZIP_MAGIC_1 = 0x8b;
  private static final int BUFFER = 1 << 16;

  private IdxReader() {}

  /** Reads all images of a {@code 0x00000803} file. */
  public static IdxArray readImages(Path file) {
    return read(file, MAGIC_IMAGES, Integer.MAX_VALUE);
  }

  /** Reads all labels of a {@code 0x00000801} file. */
  public static IdxArray readLabels(Path file) {
    return read(file, MAGIC_LABELS, Integer.MAX_VALUE);
  }

  /**
   * Reads a paired images + labels file into a dataset, checking that the counts agree and every
   * label lies in {@code [0, numClasses)}.
   *
   * @param limit read only the first {@code limit} examples (the count check still uses the
   *     declared counts); {@code Integer.MAX_VALUE} for all
   */
  public static ImageDataset readDataset(
      String name, Path images, Path labels, int numClasses, int limit) {
    IdxArray x = read(images, MAGIC_IMAGES, limit);
    IdxArray y = read(labels, MAGIC_LABELS, limit);
    if (x.header().count() != y.header().count()) {
      throw new DataException(
          "Image/label count mismatch: " + images + " has " + x.header().count()
              + " images but " + labels + " has " + y.header().count()
              + " labels; expected paired files with the same count");
    }
    int[] dims = x.header().dims();
    int[] labelValues = new int[y.count()];
    for (int i = 0; i < labelValues.length; i++) {
      int label = y.unsigned(i);
      if (label >= numClasses) {
        throw new DataException(
            labels + ": label " + label + " at index " + i + " is outside the expected range [0, "
                + numClasses + ")");
      }
      labelValues[i] = label;
    }
    return ImageDataset.ofBytes(
        name, new ImageShape(dims[1], dims[2], 1), x.data(), labelValues, numClasses);
  }

  /**
   * Reads the first {@code limit} items of an IDX file whose magic must be {@code expectedMagic}.
   * When the whole file is read, trailing bytes are an error too.
   */
  public static IdxArray read(Path file, int expectedMagic, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
    if (!Files.isRegularFile(file)) {
      throw new DataException(
          "IDX file not found: " + file + " (expected " + describe(expectedMagic) + ", magic "
              + hex(expectedMagic) + ")");
    }
    boolean gzip = isGzip(file);
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = gzip ? new GZIPInputStream(raw, BUFFER) : new BufferedInputStream(raw, BUFFER)) {
      return readStream(file, in, expectedMagic, limit);
    } catch (DataException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw new DataException("IDX file not found: " + file + " (expected " + describe(expectedMagic) + ", magic "
              + hex(expectedMagic) + ")", e);
    } catch (IOException e) {
      if (gzip) {
        throw new DataException(
            "Corrupt gzip data in " + file + ": " + e.getMessage()
                + "; expected a complete gzip stream holding " + describe(expectedMagic)
                + " (re-download or reinstall the file)", e);
      }
      throw new DataException("Cannot read IDX file " + file + ": " + e.getMessage(), e);
    }
  }

  private static IdxArray readStream(Path file, InputStream in, int expectedMagic, int limit)
      throws IOException {
    byte[] magicBytes = in.readNBytes(4);
    if (magicBytes.length < 4) {
      throw new DataException(
          file + ": truncated IDX header: expected at least 4 bytes (magic number), found "
              + magicBytes.length);
    }
    int magic = ((magicBytes[0] & 0xFF) << 24) | ((magicBytes[1] & 0xFF) << 16)
        | ((magicBytes[2] & 0xFF) << 8) | (magicBytes[3] & 0xFF);
    if (magic != expectedMagic) {
      throw new DataException(
          file + ": wrong IDX magic number: expected " + hex(expectedMagic) + " ("
              + describe(expectedMagic) + "), found " + hex(magic) + " (" + describe(magic) + ")");
    }
    int ndims = magic & 0xFF;
    byte[] dimBytes = in.readNBytes(4 * ndims);
    if (dimBytes.length < 4 * ndims) {
      throw new DataException(
          file + ": truncated IDX header: expected " + (4 + 4 * ndims) + " bytes (magic + "
              + ndims + " dimensions), found " + (4 + dimBytes.length));
    }
    DataInputStream dimsIn = new DataInputStream(new ByteArrayInputStream(dimBytes));
    int[] dims = new int[ndims];
    for (int i = 0; i < ndims; i++) {
      dims[i] = dimsIn.readInt();
      if (dims[i] < 0 || (i > 0 && dims[i] == 0)) {
        throw new DataException(
            file + ": invalid IDX dimension " + i + " = " + Integer.toUnsignedString(dims[i])
                + " in " + Arrays.toString(dims) + "; expected a positive size");
      }
    }
    IdxHeader header = new IdxHeader(file, magic, dims);
    int count = Math.min(header.count(), limit);
    long expected = count * header.itemBytes();
    if (expected > Integer.MAX_VALUE - 8) {
      throw new DataException(
          file + ": IDX data of " + expected + " bytes for dims " + Arrays.toString(dims)
              + " is too large; expected at most " + (Integer.MAX_VALUE - 8) + " bytes (read a subset)");
    }
    byte[] data = in.readNBytes((int) expected);
    if (data.length < expected) {
      throw new DataException(
          file + ": truncated IDX data: expected " + expected + " bytes after the "
              + header.headerBytes() + "-byte header for dims " + Arrays.toString(dims)
              + ", found " + data.length);
    }
    // Reading past the end also makes GZIPInputStream verify the CRC trailer.
    if (count == header.count() && in.read() >= 0) {
      throw new DataException(
          file + ": trailing bytes after IDX data: expected exactly " + expected
              + " bytes after the header for dims " + Arrays.toString(dims) + ", found more");
    }
    return new IdxArray(header, count, data);
  }

  private static boolean isGzip(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == GZIP_MAGIC_0 && in.read() == GZIP_MAGIC_1;
    } catch (EOFException e) {
      return false;
    } catch (IOException e) {
      throw new DataException("Cannot read IDX file " + file + ": " + e.getMessage(), e);
    }
  }

  static String hex(int value) {
    return String.format("0x%08X", value);
  }

  private static String describe(int magic) {
    return switch (magic) {
      case MAGIC_IMAGES -> "uint8 images [n, rows, cols]";
      case MAGIC_LABELS -> "uint8 labels [n]";
      default -> "not an IDX type this reader knows";
    };
  }
}
