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

  /** Whether the {@link io.expertize.annotations.FusionScheme} attribute {@code attribute} is overridden. */
  public boolean isSet(String attribute) {
    return switch (attribute) {
      case "value", "scheme" -> scheme != null;
      case "momentum" -> momentum != null;
      case "sharedRouter" -> sharedRouter != null;
      case "biasCorrectedBank" -> biasCorrectedBank != null;
      case "normalizedWeights" -> normalizedWeights != null;
      case "shareRate" -> shareRate != null;
      case "shareSchedule" -> shareSchedule != null;
      case "k" -> k != null;
      case "capacityFactor" -> capacityFactor != null;
      case "balanceLossWeight" -> balanceLossWeight != null;
      case "earlyEwaFraction" -> earlyEwaFraction != null;
      case "experts" -> experts != null;
      case "placement" -> placement != null;
      default -> throw new IllegalArgumentException("no fusion override for '" + attribute + "'");
    };
  }

  /**
   * The configuration key that overrides the annotation attribute {@code attribute}: {@code k} is
   * {@code fusion.top-k}, {@code shareRate} is {@code fusion.share-rate}.
   */
  public static String key(String attribute) {
    return switch (attribute) {
      case "value", "scheme" -> "fusion.scheme";
      case "k" -> "fusion.top-k";
      default -> "fusion." + attribute.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static <T> T or(T override, T base) {
    return override != null ? override : base;
  }
}
