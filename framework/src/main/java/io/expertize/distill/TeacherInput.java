package io.expertize.distill;

import io.expertize.data.Normalization;
import java.util.Locale;

/**
 * How a SavedModel teacher is fed the student's batch, whose images are normalised
 * ({@code x = (v - mean[c]) / std[c]} with {@code v} in [0, 1], {@link Normalization}): undone to raw
 * pixels in [0, 255] (what an {@code expertize export} model takes, and normalises itself), to [0, 1],
 * or passed as the student sees them. Augmented values outside the image range (random erasing's
 * noise, padding) are passed through, not clipped, so the teacher sees exactly the student's images.
 */
public enum TeacherInput {
  /** {@code (x * std[c] + mean[c]) * 255}. */
  PIXELS,
  /** {@code x * std[c] + mean[c]}. */
  UNIT,
  /** {@code x}. */
  NORMALIZED;

  /** The configuration value ({@code pixels}, {@code unit}, {@code normalized}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TeacherInput fromKey(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }

  /**
   * Writes {@code count} NHWC values of {@code normalized} (channel = index modulo the channels), as
   * this input, into {@code out}.
   */
  public void convert(float[] normalized, int count, Normalization normalization, float[] out) {
    int channels = normalization.channels();
    if (this == NORMALIZED) {
      System.arraycopy(normalized, 0, out, 0, count);
      return;
    }
    float scale = this == PIXELS ? 255f : 1f;
    float[] mean = new float[channels];
    float[] std = new float[channels];
    for (int c = 0; c < channels; c++) {
      mean[c] = normalization.mean(c);
      std[c] = normalization.std(c);
    }
    for (int i = 0; i < count; i++) {
      int c = i % channels;
      out[i] = (normalized[i] * std[c] + mean[c]) * scale;
    }
  }
}
