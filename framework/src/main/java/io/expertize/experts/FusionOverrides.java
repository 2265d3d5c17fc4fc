package io.expertize.experts;

import io.expertize.annotations.Scheme;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Values from configuration ({@code fusion.*}) that win over the model's annotations, so a study
 * sweeps schemes without recompiling: any {@link FusionAttribute}, and the {@code @Expertize} values
 * {@code experts} and {@code placement} for every field at once. What is not set keeps the
 * annotation's value.
 *
 * <pre>{@code
 * FusionOverrides.builder().scheme(Scheme.EWA).experts(4).set(FusionAttribute.SHARE_RATE, 0.5).build()
 * }</pre>
 */
public final class FusionOverrides {
  private static final FusionOverrides NONE = builder().build();

  private final Map<FusionAttribute<?>, Object> values;
  private final Integer experts;
  private final String placement;

  private FusionOverrides(Builder b) {
    this.values = Map.copyOf(b.values);
    this.experts = b.experts;
    this.placement = b.placement;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Nothing overridden. */
  public static FusionOverrides none() {
    return NONE;
  }

  /** Only the scheme and the number of experts overridden: what tests and benchmarks mostly need. */
  public static FusionOverrides of(Scheme scheme, int experts) {
    return builder().scheme(scheme).experts(experts).build();
  }

  /** A builder holding these overrides, to change some. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.values.putAll(values);
    b.experts = experts;
    b.placement = placement;
    return b;
  }

  public <T> Optional<T> get(FusionAttribute<T> attribute) {
    return Optional.ofNullable(values.get(attribute)).map(attribute.type()::cast);
  }

  public boolean isSet(FusionAttribute<?> attribute) {
    return values.containsKey(attribute);
  }

  public Optional<Scheme> scheme() {
    return get(FusionAttribute.SCHEME);
  }

  /** Experts of every {@code @Expertize} field. */
  public Optional<Integer> experts() {
    return Optional.ofNullable(experts);
  }

  /** Placement of every {@code @Expertize} field. */
  public Optional<String> placement() {
    return Optional.ofNullable(placement);
  }

  /** {@code base} with every set attribute replaced. */
  public FusionSettings applyTo(FusionSettings base) {
    return FusionSettings.from(a -> values.containsKey(a) ? values.get(a) : base.get(a));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FusionOverrides other && values.equals(other.values)
        && Objects.equals(experts, other.experts) && Objects.equals(placement, other.placement);
  }

  @Override
  public int hashCode() {
    return Objects.hash(values, experts, placement);
  }

  @Override
  public String toString() {
    return "FusionOverrides{" + values + ", experts=" + experts + ", placement=" + placement + "}";
  }

  /** Named overrides; each setter replaces an earlier value. */
  public static final class Builder {
    private final Map<FusionAttribute<?>, Object> values = new LinkedHashMap<>();
    private Integer experts;
    private String placement;

    private Builder() {}

    public Builder scheme(Scheme scheme) {
      return set(FusionAttribute.SCHEME, scheme);
    }

    public Builder experts(int experts) {
      this.experts = experts;
      return this;
    }

    public Builder placement(String placement) {
      this.placement = Objects.requireNonNull(placement, "placement");
      return this;
    }

    /** Overrides {@code attribute} with {@code value}; checked against its range when the plan is built. */
    public <T> Builder set(FusionAttribute<T> attribute, T value) {
      values.put(attribute, attribute.type().cast(Objects.requireNonNull(value, attribute.name())));
      return this;
    }

    public FusionOverrides build() {
      return new FusionOverrides(this);
    }
  }
}
