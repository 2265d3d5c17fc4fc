package io.expertize.data;

import java.util.Arrays;

/**
 * Builds the soft-target rows of a batch: one-hot with label smoothing (timm's convention:
 * {@code off = eps / numClasses}, {@code on = 1 - eps + off}, so rows sum to 1). A separate step
 * from Mixup/CutMix, which then mix the smoothed rows.
 *
 * @param epsilon smoothing in [0, 1); 0 gives plain one-hot
 */
public record LabelSmoothing(float epsilon) {

  public LabelSmoothing {
    if (!(epsilon >= 0 && epsilon < 1)) {
      throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + epsilon);
    }
  }

  public static LabelSmoothing none() {
    return new LabelSmoothing(0f);
  }

  public float offValue(int numClasses) {
    return epsilon / numClasses;
  }

  public float onValue(int numClasses) {
    return 1f - epsilon + epsilon / numClasses;
  }

  /** Writes rows {@code [count, numClasses]} of targets for {@code labels[0 .. count)}. */
  public void fill(int[] labels, int count, int numClasses, float[] targets) {
    float off = offValue(numClasses);
    float on = onValue(numClasses);
    Arrays.fill(targets, 0, count * numClasses, off);
    for (int i = 0; i < count; i++) {
      targets[i * numClasses + labels[i]] = on;
    }
  }
}
