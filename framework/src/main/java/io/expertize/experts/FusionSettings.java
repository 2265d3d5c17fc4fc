package io.expertize.experts;

import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.annotations.ShareSchedule;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheme-wide parameters of a model's expert sets (METHODS.md sections 1 to 3), resolved from
 * the model's {@link FusionScheme} and the configuration that overrides it.
 */
public record FusionSettings(
    Scheme scheme,
    double momentum,
    boolean sharedRouter,
    boolean biasCorrectedBank,
    boolean normalizedWeights,
    double shareRate,
    ShareSchedule shareSchedule,
    int k,
    double capacityFactor,
    double balanceLossWeight,
    double earlyEwaFraction) {

  @FusionScheme
  private static final class Defaults {}

  /** The published defaults (those of an unparameterised {@code @FusionScheme}) with {@code scheme}. */
  public static FusionSettings defaults(Scheme scheme) {
    return of(Defaults.class.getAnnotation(FusionScheme.class)).withScheme(scheme);
  }

  public static FusionSettings of(FusionScheme a) {
    return new FusionSettings(a.value(), a.momentum(), a.sharedRouter(), a.biasCorrectedBank(),
        a.normalizedWeights(), a.shareRate(), a.shareSchedule(), a.k(), a.capacityFactor(),
        a.balanceLossWeight(), a.earlyEwaFraction());
  }

  public FusionSettings withScheme(Scheme s) {
    return new FusionSettings(s, momentum, sharedRouter, biasCorrectedBank, normalizedWeights, shareRate,
        shareSchedule, k, capacityFactor, balanceLossWeight, earlyEwaFraction);
  }

  /** Values outside their ranges, each naming {@code source} (an annotation or the config keys). */
  public List<String> problems(String source) {
    List<String> p = new ArrayList<>();
    if (!(momentum >= 0 && momentum < 1)) {
      p.add(source + ": momentum = " + momentum + " must be in [0, 1) (published default 0.95)");
    }
    if (!(shareRate >= 0 && shareRate <= 1)) {
      p.add(source + ": shareRate = " + shareRate + " must be in [0, 1] (EWA tunes it in 0.1..0.5)");
    }
    if (k < 1) {
      p.add(source + ": k = " + k + " must be at least 1");
    }
    if (!(capacityFactor > 0)) {
      p.add(source + ": capacityFactor = " + capacityFactor + " must be > 0 (1.05 for images)");
    }
    if (!(balanceLossWeight >= 0)) {
      p.add(source + ": balanceLossWeight = " + balanceLossWeight + " must be >= 0 (published 0.01)");
    }
    if (!(earlyEwaFraction >= 0 && earlyEwaFraction <= 1)) {
      p.add(source + ": earlyEwaFraction = " + earlyEwaFraction + " must be in [0, 1] (0 = off, published 0.5)");
    }
    return p;
  }
}
