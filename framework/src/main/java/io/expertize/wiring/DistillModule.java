package io.expertize.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.expertize.config.ExpertizeConfig;
import io.expertize.data.Normalization;
import io.expertize.data.text.TextSource;
import io.expertize.distill.Distillation;
import io.expertize.graph.Module;
import io.expertize.registry.ModelRegistry;
import java.util.Map;
import java.util.Optional;

/**
 * The teacher of a distillation run ({@code distill.*}, {@link DistillationSetup}). Only a new or
 * resumed training run asks for it; eval and export do not need the teacher.
 */
public final class DistillModule extends AbstractModule {

  @Provides
  @Singleton
  Optional<Distillation> distillation(ExpertizeConfig c, ModelRegistry registry, Map<String, TextSource> texts,
      Provider<Module> model, Provider<Normalization> normalization) {
    return DistillationSetup.of(c, registry, texts, model::get, normalization::get);
  }
}
