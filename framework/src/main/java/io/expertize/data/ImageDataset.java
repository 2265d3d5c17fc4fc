package io.expertize.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An in-memory labelled image dataset: {@code size()} images of one {@link ImageShape}, HWC,
 * stored either as uint8 (value / 255, compact: Fashion-MNIST train is 47 MB) or as floats in
 * [0, 1]. Immutable once built; safe to share between threads.
 */
public final class ImageDataset {
  private final String name;
  private final ImageShape shape;
  private final int numClasses;
  private final int[] labels;
  private final byte[] bytes; // exactly one of bytes / floats is non-null
  private final float[] floats;

  private ImageDataset(
      String name, ImageShape shape, byte[] bytes, float[] floats, int[] labels, int numClasses) {
    this.name = Objects.requireNonNull(name, "name");
    this.shape = Objects.requireNonNull(shape, "shape");
    this.bytes = bytes;
    this.floats = floats;
    this.labels = labels;
    this.numClasses = numClasses;
    long values = bytes != null ? bytes.length : floats.length;
    if (numClasses < 1) {
      throw new IllegalArgumentException(name + ": numClasses must be >= 1, got " + numClasses);
    }
    if (values != (long) labels.length * shape.size()) {
      throw new IllegalArgumentException(
          name + ": expected " + labels.length + " images x " + shape.size() + " values = "
              + (long) labels.length * shape.size() + " pixel values, got " + values);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException(
            name + ": label " + labels[i] + " at index " + i + " is outside [0, " + numClasses + ")");
      }
    }
  }

  /** uint8 storage; {@code pixels} is used as is (not copied), do not modify it afterwards. */
  public static ImageDataset ofBytes(
      String name, ImageShape shape, byte[] pixels, int[] labels, int numClasses) {
    return new ImageDataset(name, shape, pixels, null, labels, numClasses);
  }

  /** Float storage, values in [0, 1]; {@code pixels} is used as is (not copied). */
  public static ImageDataset ofFloats(
      String name, ImageShape shape, float[] pixels, int[] labels, int numClasses) {
    return new ImageDataset(name, shape, null, pixels, labels, numClasses);
  }

  public String name() {
    return name;
  }

  public int size() {
    return labels.length;
  }

  public ImageShape shape() {
    return shape;
  }

  public int height() {
    return shape.height();
  }

  public int width() {
    return shape.width();
  }

  public int channels() {
    return shape.channels();
  }

  public int numClasses() {
    return numClasses;
  }

  public int label(int index) {
    return labels[index];
  }

  /** True when pixels are stored as uint8. */
  public boolean isByteStorage() {
    return bytes != null;
  }

  /** Value {@code offset} (HWC order) of image {@code index}, in [0, 1]. */
  public float pixel(int index, int offset) {
    int i = index * shape.size() + offset;
    return bytes != null ? (bytes[i] & 0xFF) / 255f : floats[i];
  }

  /**
   * Writes image {@code index}, normalised, into {@code dst[dstOffset ...]}.
   *
   * @param byteLut from {@link #lookupTable(Normalization)}; may be null for float storage
   */
  void copyNormalized(int index, Normalization norm, float[][] byteLut, float[] dst, int dstOffset) {
    int size = shape.size();
    int channels = shape.channels();
    int src = index * size;
    if (bytes != null) {
      if (channels == 1) {
        float[] lut = byteLut[0];
        for (int i = 0; i < size; i++) {
          dst[dstOffset + i] = lut[bytes[src + i] & 0xFF];
        }
      } else {
        for (int i = 0; i < size; i++) {
          dst[dstOffset + i] = byteLut[i % channels][bytes[src + i] & 0xFF];
        }
      }
    } else {
      for (int i = 0; i < size; i++) {
        int c = i % channels;
        dst[dstOffset + i] = (floats[src + i] - norm.mean(c)) / norm.std(c);
      }
    }
  }

  /** Normalised value of every uint8 per channel, so the hot loop is a table lookup. */
  float[][] lookupTable(Normalization norm) {
    checkChannels(norm);
    float[][] lut = new float[shape.channels()][256];
    for (int c = 0; c < lut.length; c++) {
      for (int v = 0; v < 256; v++) {
        lut[c][v] = norm.apply(c, v / 255f);
      }
    }
    return lut;
  }

  void checkChannels(Normalization norm) {
    if (norm.channels() != shape.channels()) {
      throw new IllegalArgumentException(
          name + " has " + shape.channels() + " channels but the normalisation has "
              + norm.channels());
    }
  }

  /** The first {@code n} examples (or all, if {@code n >= size()}). */
  public ImageDataset subset(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("subset size must be >= 0, got " + n);
    }
    if (n >= size()) {
      return this;
    }
    int values = n * shape.size();
    return new ImageDataset(
        name, shape,
        bytes != null ? Arrays.copyOf(bytes, values) : null,
        floats != null ? Arrays.copyOf(floats, values) : null,
        Arrays.copyOf(labels, n), numClasses);
  }

  /** Per-channel mean and (population) std of the pixel values in [0, 1] over all images. */
  public Normalization computeNormalization() {
    if (size() == 0) {
      throw new IllegalStateException(name + " is empty; expected at least one image to measure");
    }
    int channels = shape.channels();
    double[] sum = new double[channels];
    double[] sumSq = new double[channels];
    long total = (long) size() * shape.size();
    // Per-channel uint8 histograms: exact and fast for byte storage.
    if (bytes != null) {
      long[][] hist = new long[channels][256];
      for (int i = 0; i < bytes.length; i++) {
        hist[i % channels][bytes[i] & 0xFF]++;
      }
      for (int c = 0; c < channels; c++) {
        for (int v = 0; v < 256; v++) {
          double x = v / 255.0;
          sum[c] += hist[c][v] * x;
          sumSq[c] += hist[c][v] * x * x;
        }
      }
    } else {
      for (int i = 0; i < floats.length; i++) {
        double x = floats[i];
        sum[i % channels] += x;
        sumSq[i % channels] += x * x;
      }
    }
    long perChannel = total / channels;
    float[] mean = new float[channels];
    float[] std = new float[channels];
    for (int c = 0; c < channels; c++) {
      double m = sum[c] / perChannel;
      mean[c] = (float) m;
      std[c] = (float) Math.sqrt(Math.max(sumSq[c] / perChannel - m * m, 0));
    }
    return Normalization.of(mean, std);
  }

  @Override
  public String toString() {
    return "ImageDataset[" + name + ", " + size() + " x " + shape + ", " + numClasses + " classes]";
  }
}
