package io.expertize.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRegistry;
import java.util.Map;

/** Named models: every config contributed by a ModelProvider on the class path (the zoo, user jars). */
public final class ModelsModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, ModelFactory> models = MapBinder.newMapBinder(binder(), String.class, ModelFactory.class);
    ModelRegistry.discover().all().forEach((name, factory) -> models.addBinding(name).toInstance(factory));
  }

  @Provides
  @Singleton
  ModelRegistry registry(Map<String, ModelFactory> models) {
    return new ModelRegistry(models);
  }
}
