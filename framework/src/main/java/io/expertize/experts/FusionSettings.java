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

  /** Names where a value came from, for messages: {@code @FusionScheme(momentum = 1.0) on Model} or {@code fusion.momentum = 1.0}. */
  @FunctionalInterface
  public interface Source {
    /** {@code attribute} is the {@link FusionScheme} attribute's name ({@code momentum}, {@code k}, ...). */
    String describe(String attribute, Object value);
  }

  /** Values outside their ranges, each naming where it came from, its value and what would be valid. */
  public List<String> problems(Source source) {
    List<String> p = new ArrayList<>();
    if (!(momentum >= 0 && momentum < 1)) {
      p.add(source.describe("momentum", momentum) + ": the bank momentum δ must be in [0, 1) (published default 0.95)");
    }
    if (!(shareRate >= 0 && shareRate <= 1)) {
      p.add(source.describe("shareRate", shareRate) + ": the share rate β must be in [0, 1] (EWA tunes it in 0.1..0.5)");
    }
    if (k < 1) {
      p.add(source.describe("k", k) + ": top-k needs at least 1 expert per token (published default 1)");
    }
    if (!(capacityFactor > 0)) {
      p.add(source.describe("capacityFactor", capacityFactor) + ": the capacity factor must be > 0 (1.05 for images)");
    }
    if (!(balanceLossWeight >= 0)) {
      p.add(source.describe("balanceLossWeight", balanceLossWeight)
          + ": the load-balancing loss weight λ must be >= 0 (published 0.01)");
    }
    if (!(earlyEwaFraction >= 0 && earlyEwaFraction <= 1)) {
      p.add(source.describe("earlyEwaFraction", earlyEwaFraction)
          + ": the Early EWA fraction of training must be in [0, 1] (0 = off, published 0.5)");
    }
    return p;
  }
}
