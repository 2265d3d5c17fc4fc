package io.expertize.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.FusionConfig;
import io.expertize.config.Keys;
import io.expertize.experts.ExpertBuilders;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.Upcycling;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import java.util.Optional;

/**
 * The {@code fusion.*} keys as overrides of the model's annotations, the model's expert plan, and the
 * dense checkpoint a new run upcycles from.
 */
public final class ExpertsModule extends AbstractModule {

  @Provides
  FusionOverrides overrides(ExpertizeConfig c) {
    return FusionConfig.overrides(c);
  }

  /** Built once per run, from the model's annotations: by its generated builder when it has one. */
  @Provides
  @Singleton
  ExpertPlan plan(Module model, FusionOverrides overrides, ExpertizeConfig c) {
    return ExpertBuilders.build(ModuleTree.of(model), overrides, c.get(Keys.MODEL_FFN_INIT_MEAN_OF));
  }

  /** A resumed run never asks for it: its own checkpoint holds the trained experts. */
  @Provides
  @Singleton
  Optional<Upcycling> upcycling(ExpertizeConfig c, Module model) {
    return UpcyclingSource.of(c, model);
  }
}
