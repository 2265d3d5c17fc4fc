package io.expertize.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {
  private IdxFiles() {}

  static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    out.flush();
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    }
    return bytes.toByteArray();
  }

  /** n images of rows x cols where pixel value = (image * 7 + offset) mod 256. */
  static byte[] images(int n, int rows, int cols) throws IOException {
    byte[] data = new byte[n * rows * cols];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < rows * cols; k++) {
        data[i * rows * cols + k] = (byte) (i * 7 + k);
      }
    }
    return idx(IdxReader.MAGIC_IMAGES, new int[] {n, rows, cols}, data);
  }

  static byte[] labels(int n, int numClasses) throws IOException {
    byte[] data = new byte[n];
    for (int i = 0; i < n; i++) {
      data[i] = (byte) (i % numClasses);
    }
    return idx(IdxReader.MAGIC_LABELS, new int[] {n}, data);
  }

  static Path write(Path dir, String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }
}
