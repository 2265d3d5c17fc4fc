package io.expertize.distill;

import java.util.Locale;

/** DeiT's {@code --distillation-type} with a teacher ({@code distill.type}). */
public enum DistillationType {
  /** The distillation head learns the teacher's argmax by cross-entropy. */
  HARD,
  /** The distillation head learns the teacher's softmax at a temperature by KL divergence. */
  SOFT;

  /** The configuration value ({@code hard}, {@code soft}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DistillationType fromKey(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
