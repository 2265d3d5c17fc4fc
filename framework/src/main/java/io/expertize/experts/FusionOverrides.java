package io.expertize.experts;

import io.expertize.annotations.Scheme;
import io.expertize.annotations.ShareSchedule;

/**
 * Values from configuration ({@code fusion.*}) that win over the model's annotations, so a study
 * sweeps schemes without recompiling. A null component keeps the annotation's value.
 */
public record FusionOverrides(
    Scheme scheme,
    Integer experts,
    String placement,
    Double momentum,
    Boolean sharedRouter,
    Boolean biasCorrectedBank,
    Boolean normalizedWeights,
    Double shareRate,
    ShareSchedule shareSchedule,
    Integer k,
    Double capacityFactor,
    Double balanceLossWeight,
    Double earlyEwaFraction) {

  public static FusionOverrides none() {
    return new FusionOverrides(null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** Only the scheme and the number of experts overridden: what tests and benchmarks mostly need. */
  public static FusionOverrides of(Scheme scheme, int experts) {
    return new FusionOverrides(scheme, experts, null, null, null, null, null, null, null, null, null, null, null);
  }

  public FusionSettings applyTo(FusionSettings base) {
    return new FusionSettings(
        or(scheme, base.scheme()), or(momentum, base.momentum()), or(sharedRouter, base.sharedRouter()),
        or(biasCorrectedBank, base.biasCorrectedBank()), or(normalizedWeights, base.normalizedWeights()),
        or(shareRate, base.shareRate()), or(shareSchedule, base.shareSchedule()), or(k, base.k()),
        or(capacityFactor, base.capacityFactor()), or(balanceLossWeight, base.balanceLossWeight()),
        or(earlyEwaFraction, base.earlyEwaFraction()));
  }

  private static <T> T or(T override, T base) {
    return override != null ? override : base;
  }
}
