package io.expertize.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.expertize.annotations.Scheme;
import io.expertize.annotations.ShareSchedule;
import io.expertize.config.ConfigKey;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.graph.ModuleTree;
import io.expertize.nn.ImageClassifier;
import java.util.Locale;

/** The {@code fusion.*} keys as overrides of the model's annotations, and the model's expert plan. */
public final class ExpertsModule extends AbstractModule {

  @Provides
  FusionOverrides overrides(ExpertizeConfig c) {
    String scheme = c.get(Keys.FUSION_SCHEME);
    String schedule = c.get(Keys.FUSION_SHARE_SCHEDULE);
    return new FusionOverrides(
        scheme.equals(Keys.FROM_MODEL) ? null : Scheme.fromKey(scheme),
        positive(c.get(Keys.FUSION_EXPERTS)),
        c.get(Keys.FUSION_PLACEMENT).equals(Keys.FROM_MODEL) ? null : c.get(Keys.FUSION_PLACEMENT),
        set(c.get(Keys.FUSION_MOMENTUM)),
        flag(c, Keys.FUSION_SHARED_ROUTER),
        flag(c, Keys.FUSION_BIAS_CORRECTED_BANK),
        flag(c, Keys.FUSION_NORMALIZED_WEIGHTS),
        set(c.get(Keys.FUSION_SHARE_RATE)),
        schedule.equals(Keys.FROM_MODEL) ? null : ShareSchedule.valueOf(schedule.toUpperCase(Locale.ROOT)),
        positive(c.get(Keys.FUSION_TOP_K)),
        set(c.get(Keys.FUSION_CAPACITY_FACTOR)),
        set(c.get(Keys.FUSION_BALANCE_LOSS_WEIGHT)),
        set(c.get(Keys.FUSION_EARLY_EWA_FRACTION)));
  }

  /** Built once per run, from the model's annotations (the generated builder arrives with the processor). */
  @Provides
  @Singleton
  ExpertPlan plan(ImageClassifier model, FusionOverrides overrides) {
    return ReflectiveExpertBuilder.build(ModuleTree.of(model), overrides);
  }

  private static Integer positive(int v) {
    return v > 0 ? v : null;
  }

  /** The -1 sentinel means "the annotation's value". */
  private static Double set(double v) {
    return v == -1.0 ? null : v;
  }

  private static Boolean flag(ExpertizeConfig c, ConfigKey<String> key) {
    String v = c.get(key);
    return v.equals(Keys.FROM_MODEL) ? null : Boolean.valueOf(v);
  }
}
