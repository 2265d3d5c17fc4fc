package io.expertize.config;

import io.expertize.experts.FusionAttribute;
import io.expertize.experts.FusionOverrides;
import java.util.Optional;

/**
 * The {@code fusion.*} keys as overrides of a model's annotations: each key left at its default,
 * {@value Keys#FROM_MODEL}, keeps the annotation's value.
 */
public final class FusionConfig {
  private FusionConfig() {}

  public static FusionOverrides overrides(ExpertizeConfig c) {
    FusionOverrides.Builder b = FusionOverrides.builder();
    for (FusionAttribute<?> attribute : FusionAttribute.all()) {
      set(b, attribute, c.get(Keys.fusion(attribute)));
    }
    c.get(Keys.FUSION_EXPERTS).ifPresent(b::experts);
    String placement = c.get(Keys.FUSION_PLACEMENT);
    if (!placement.equals(Keys.FROM_MODEL)) {
      b.placement(placement);
    }
    return b.build();
  }

  /** A number key's value is optional; a flag's or an enum's is {@value Keys#FROM_MODEL} or a choice. */
  private static <T> void set(FusionOverrides.Builder b, FusionAttribute<T> attribute, Object value) {
    Optional<?> set = value instanceof Optional<?> number ? number : Optional.of(value).filter(v -> !v.equals(Keys.FROM_MODEL));
    set.ifPresent(v -> b.set(attribute, attribute.valueOf(v)));
  }
}
