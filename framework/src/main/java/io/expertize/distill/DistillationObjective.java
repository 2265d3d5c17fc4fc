package io.expertize.distill;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the distillation head learns from the teacher ({@link DistillationLoss}): its argmax
 * ({@link DistillationType#HARD}) or its distribution at temperature {@code tau} ({@link DistillationType#SOFT});
 * {@code alpha} weighs that term against the class head's.
 *
 * @param tau the temperature of soft distillation; 1 for hard, which has none
 */
public record DistillationObjective(DistillationType type, double alpha, double tau) {

  public DistillationObjective {
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
    }
    if (!(tau > 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("tau must be a positive temperature, got " + tau);
    }
    if (type == DistillationType.HARD && tau != 1) {
      throw new IllegalArgumentException("hard distillation has no temperature (tau " + tau + ")");
    }
  }

  public static DistillationObjective hard(double alpha) {
    return new DistillationObjective(DistillationType.HARD, alpha, 1);
  }

  public static DistillationObjective soft(double alpha, double tau) {
    return new DistillationObjective(DistillationType.SOFT, alpha, tau);
  }

  /** {@code hard, alpha 0.5} or {@code soft, tau 2.0, alpha 0.5}. */
  public String describe() {
    return type.key() + (type == DistillationType.SOFT ? ", tau " + tau : "") + ", alpha " + alpha;
  }

  /** What the distillation head learns, in words, for the console. */
  public String explain() {
    return type == DistillationType.HARD
        ? "the distillation head learns the teacher's argmax on each augmented training batch"
        : "the distillation head learns the teacher's softmax(scores / " + tau + ") on each augmented training batch "
            + "(KL divergence x tau^2 / (batch x classes), as DeiT)";
  }

  /** As {@code teacher.json} records it: type, alpha, and tau for soft. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type.key());
    m.put("alpha", alpha);
    if (type == DistillationType.SOFT) {
      m.put("tau", tau);
    }
    return m;
  }
}
