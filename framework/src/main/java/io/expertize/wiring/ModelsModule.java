package io.expertize.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRegistry;
import java.util.Map;

/**
 * Named models: the configs of a registry (usually {@link ModelRegistry#discover()}, every
 * ModelProvider on the class path), as map bindings that other modules can add to.
 */
public final class ModelsModule extends AbstractModule {
  private final ModelRegistry discovered;

  public ModelsModule(ModelRegistry discovered) {
    this.discovered = discovered;
  }

  @Override
  protected void configure() {
    MapBinder<String, ModelFactory> models = MapBinder.newMapBinder(binder(), String.class, ModelFactory.class);
    discovered.all().forEach((name, factory) -> models.addBinding(name).toInstance(factory));
  }

  @Provides
  @Singleton
  ModelRegistry registry(Map<String, ModelFactory> models) {
    return new ModelRegistry(models);
  }
}
