package io.expertize.config;

import io.expertize.experts.FusionAttribute;
import io.expertize.experts.FusionOverrides;

/**
 * The {@code fusion.*} keys as overrides of a model's annotations: each key left at its default
 * ({@value Keys#FROM_MODEL}, {@code -1} or {@code 0}) keeps the annotation's value.
 */
public final class FusionConfig {
  private FusionConfig() {}

  public static FusionOverrides overrides(ExpertizeConfig c) {
    FusionOverrides.Builder b = FusionOverrides.builder();
    for (FusionAttribute<?> attribute : FusionAttribute.all()) {
      set(b, attribute, c.get(Keys.fusion(attribute)), Keys.fusion(attribute).defaultValue());
    }
    int experts = c.get(Keys.FUSION_EXPERTS);
    if (experts != Keys.FUSION_EXPERTS.defaultValue()) {
      b.experts(experts);
    }
    String placement = c.get(Keys.FUSION_PLACEMENT);
    if (!placement.equals(Keys.FROM_MODEL)) {
      b.placement(placement);
    }
    return b.build();
  }

  private static <T> void set(FusionOverrides.Builder b, FusionAttribute<T> attribute, Object value, Object unset) {
    if (!value.equals(unset)) {
      b.set(attribute, attribute.valueOf(value));
    }
  }
}
