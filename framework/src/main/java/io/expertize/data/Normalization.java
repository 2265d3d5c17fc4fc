package io.expertize.data;

import java.util.Arrays;

/**
 * Per-channel normalisation {@code (v - mean[c]) / std[c]} applied to pixel values in [0, 1].
 * Immutable.
 */
public final class Normalization {
  private final float[] mean;
  private final float[] std;

  private Normalization(float[] mean, float[] std) {
    if (mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException(
          "mean and std need one value per channel, got " + mean.length + " and " + std.length);
    }
    for (int c = 0; c < std.length; c++) {
      if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
        throw new IllegalArgumentException(
            "channel " + c + ": expected finite mean and std > 0, got mean=" + mean[c]
                + " std=" + std[c]);
      }
    }
    this.mean = mean.clone();
    this.std = std.clone();
  }

  /** Single-channel normalisation. */
  public static Normalization of(float mean, float std) {
    return new Normalization(new float[] {mean}, new float[] {std});
  }

  /** One mean and std per channel. */
  public static Normalization of(float[] mean, float[] std) {
    return new Normalization(mean, std);
  }

  /** Leaves values unchanged (mean 0, std 1). */
  public static Normalization identity(int channels) {
    float[] ones = new float[channels];
    Arrays.fill(ones, 1f);
    return new Normalization(new float[channels], ones);
  }

  public int channels() {
    return mean.length;
  }

  public float mean(int channel) {
    return mean[channel];
  }

  public float std(int channel) {
    return std[channel];
  }

  /** Normalises one value of channel {@code c}. */
  public float apply(int channel, float value) {
    return (value - mean[channel]) / std[channel];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalization n && Arrays.equals(n.mean, mean) && Arrays.equals(n.std, std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
