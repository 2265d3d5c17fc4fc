package io.expertize.experts;

import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.annotations.ShareSchedule;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The scheme-wide parameters of a model's expert sets (docs/methods.md), resolved from the model's
 * {@link FusionScheme} and the configuration that overrides it: one value per {@link FusionAttribute}.
 */
public final class FusionSettings {
  private final Map<FusionAttribute<?>, Object> values;

  private FusionSettings(Map<FusionAttribute<?>, Object> values) {
    this.values = values;
  }

  /** The defaults of an unparameterised {@code @FusionScheme}, with {@code scheme}. */
  public static FusionSettings defaults(Scheme scheme) {
    return from(FusionAttribute::defaultValue).with(FusionAttribute.SCHEME, scheme);
  }

  /** The values of {@code annotation}, every attribute read by its name. */
  public static FusionSettings of(FusionScheme annotation) {
    return from(a -> {
      try {
        return FusionScheme.class.getMethod(a.name()).invoke(annotation);
      } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("@FusionScheme has no readable attribute " + a.name(), e);
      }
    });
  }

  /** Every attribute's value from {@code raw} (converted by {@link FusionAttribute#valueOf}). */
  public static FusionSettings from(Function<FusionAttribute<?>, Object> raw) {
    Map<FusionAttribute<?>, Object> values = new LinkedHashMap<>();
    for (FusionAttribute<?> a : FusionAttribute.all()) {
      values.put(a, a.valueOf(raw.apply(a)));
    }
    return new FusionSettings(values);
  }

  public <T> T get(FusionAttribute<T> attribute) {
    return attribute.type().cast(values.get(attribute));
  }

  /** These settings with {@code attribute} set to {@code value}. */
  public <T> FusionSettings with(FusionAttribute<T> attribute, T value) {
    Map<FusionAttribute<?>, Object> copy = new LinkedHashMap<>(values);
    copy.put(attribute, attribute.type().cast(value));
    return new FusionSettings(copy);
  }

  public FusionSettings withScheme(Scheme s) {
    return with(FusionAttribute.SCHEME, s);
  }

  public Scheme scheme() {
    return get(FusionAttribute.SCHEME);
  }

  public double momentum() {
    return get(FusionAttribute.MOMENTUM);
  }

  public boolean sharedRouter() {
    return get(FusionAttribute.SHARED_ROUTER);
  }

  public boolean biasCorrectedBank() {
    return get(FusionAttribute.BIAS_CORRECTED_BANK);
  }

  public boolean normalizedWeights() {
    return get(FusionAttribute.NORMALIZED_WEIGHTS);
  }

  public double shareRate() {
    return get(FusionAttribute.SHARE_RATE);
  }

  public ShareSchedule shareSchedule() {
    return get(FusionAttribute.SHARE_SCHEDULE);
  }

  public int k() {
    return get(FusionAttribute.K);
  }

  public double capacityFactor() {
    return get(FusionAttribute.CAPACITY_FACTOR);
  }

  public double balanceLossWeight() {
    return get(FusionAttribute.BALANCE_LOSS_WEIGHT);
  }

  public double earlyEwaFraction() {
    return get(FusionAttribute.EARLY_EWA_FRACTION);
  }

  /** Names where a value came from, for messages: {@code @FusionScheme(momentum = 1.0) on Model} or {@code fusion.momentum = 1.0}. */
  @FunctionalInterface
  public interface Source {
    String describe(FusionAttribute<?> attribute, Object value);
  }

  /** A value outside its range: the attribute and what is wrong with it. */
  public record Problem(FusionAttribute<?> attribute, String message) {}

  /** Values outside their ranges, each naming where it came from, its value and what would be valid. */
  public List<String> problems(Source source) {
    return problemsByAttribute(source).stream().map(Problem::message).toList();
  }

  /** {@link #problems}, each with the attribute it concerns (the annotation processor marks that value). */
  public List<Problem> problemsByAttribute(Source source) {
    List<Problem> p = new ArrayList<>();
    for (FusionAttribute<?> a : FusionAttribute.all()) {
      if (!accepts(a)) {
        p.add(new Problem(a, source.describe(a, values.get(a)) + ": " + a.rule()));
      }
    }
    return p;
  }

  private <T> boolean accepts(FusionAttribute<T> a) {
    return a.accepts(get(a));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FusionSettings other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "FusionSettings" + values;
  }
}
