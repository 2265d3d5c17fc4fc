package io.expertize.data.folder;

import io.expertize.data.ImageDataset;
import io.expertize.data.ImageShape;
import java.util.Arrays;

/**
 * Decoded images gathered into one {@link ImageDataset}: as uint8 while every value is a whole number
 * (images already at the model's size), as floats in [0, 1] from the first image a resize gave
 * fractions, so no pixel is rounded.
 */
final class PixelBuffer {
  private final ImageShape shape;
  private final int count;
  private byte[] bytes;
  private float[] floats;

  PixelBuffer(ImageShape shape, int count) {
    this.shape = shape;
    this.count = count;
    this.bytes = new byte[Math.multiplyExact(count, shape.size())];
  }

  /** Image {@code index}'s values in [0, 255], HWC. */
  void put(int index, float[] values) {
    int offset = index * shape.size();
    if (bytes != null && wholeBytes(values)) {
      for (int i = 0; i < values.length; i++) {
        bytes[offset + i] = (byte) values[i];
      }
      return;
    }
    if (floats == null) {
      floats = new float[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        floats[i] = (bytes[i] & 0xFF) / 255f;
      }
      bytes = null;
    }
    for (int i = 0; i < values.length; i++) {
      floats[offset + i] = values[i] / 255f; // as the serving graph's Preprocessing divides
    }
  }

  /** The first {@code labels.length} images (fewer than were made room for when some were skipped). */
  ImageDataset build(String name, int[] labels, int numClasses) {
    if (labels.length > count) {
      throw new IllegalArgumentException(labels.length + " labels for " + count + " images");
    }
    int values = labels.length * shape.size();
    return bytes != null
        ? ImageDataset.ofBytes(name, shape, values == bytes.length ? bytes : Arrays.copyOf(bytes, values), labels, numClasses)
        : ImageDataset.ofFloats(name, shape, values == floats.length ? floats : Arrays.copyOf(floats, values), labels,
            numClasses);
  }

  private static boolean wholeBytes(float[] values) {
    for (float v : values) {
      if (v != Math.rint(v) || v < 0 || v > 255) {
        return false;
      }
    }
    return true;
  }
}
