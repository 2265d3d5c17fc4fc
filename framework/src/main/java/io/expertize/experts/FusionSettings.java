package io.expertize.experts;

import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.annotations.ShareSchedule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

  /** A value outside its range: the {@link FusionScheme} attribute and what is wrong with it. */
  public record Problem(String attribute, String message) {}

  /** Values outside their ranges, each naming where it came from, its value and what would be valid. */
  public List<String> problems(Source source) {
    return problemsByAttribute(source).stream().map(Problem::message).toList();
  }

  /** {@link #problems}, each with the attribute it concerns (the annotation processor marks that value). */
  public List<Problem> problemsByAttribute(Source source) {
    List<Problem> p = new ArrayList<>();
    if (!(momentum >= 0 && momentum < 1)) {
      p.add(problem(source, "momentum", momentum, "the bank momentum δ must be in [0, 1) (published default 0.95)"));
    }
    if (!(shareRate >= 0 && shareRate <= 1)) {
      p.add(problem(source, "shareRate", shareRate, "the share rate β must be in [0, 1] (EWA tunes it in 0.1..0.5)"));
    }
    if (k < 1) {
      p.add(problem(source, "k", k, "top-k needs at least 1 expert per token (published default 1)"));
    }
    if (!(capacityFactor > 0)) {
      p.add(problem(source, "capacityFactor", capacityFactor, "the capacity factor must be > 0 (1.05 for images)"));
    }
    if (!(balanceLossWeight >= 0)) {
      p.add(problem(source, "balanceLossWeight", balanceLossWeight,
          "the load-balancing loss weight λ must be >= 0 (published 0.01)"));
    }
    if (!(earlyEwaFraction >= 0 && earlyEwaFraction <= 1)) {
      p.add(problem(source, "earlyEwaFraction", earlyEwaFraction,
          "the Early EWA fraction of training must be in [0, 1] (0 = off, published 0.5)"));
    }
    return p;
  }

  /**
   * The schemes that read the {@link FusionScheme} attribute {@code attribute} (empty for
   * {@code value}, which every scheme reads): giving it to another scheme has no effect.
   */
  public static Set<Scheme> schemesReading(String attribute) {
    return switch (attribute) {
      case "momentum", "sharedRouter", "biasCorrectedBank" -> EnumSet.of(Scheme.MEMORY_BANK);
      case "normalizedWeights" -> EnumSet.of(Scheme.DYNAMIC);
      case "shareRate" -> EnumSet.of(Scheme.EWA, Scheme.TOP_K); // top-k: Early EWA's constant β
      case "shareSchedule" -> EnumSet.of(Scheme.EWA);
      case "k", "capacityFactor", "balanceLossWeight", "earlyEwaFraction" -> EnumSet.of(Scheme.TOP_K);
      case "value" -> EnumSet.noneOf(Scheme.class);
      default -> throw new IllegalArgumentException("@FusionScheme has no attribute '" + attribute + "'");
    };
  }

  private static Problem problem(Source source, String attribute, Object value, String rule) {
    return new Problem(attribute, source.describe(attribute, value) + ": " + rule);
  }
}
