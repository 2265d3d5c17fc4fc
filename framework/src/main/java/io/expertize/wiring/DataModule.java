package io.expertize.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.expertize.data.DatasetRegistry;
import io.expertize.data.DatasetSource;
import io.expertize.data.text.TextSource;

/**
 * Named datasets, selected by the {@code data} key: the image datasets and text corpora of a registry
 * (usually {@link DatasetRegistry#discover()}, every DatasetProvider on the class path), as map
 * bindings that other modules can add to.
 */
public final class DataModule extends AbstractModule {
  private final DatasetRegistry discovered;

  public DataModule() {
    this(DatasetRegistry.discover());
  }

  public DataModule(DatasetRegistry discovered) {
    this.discovered = discovered;
  }

  @Override
  protected void configure() {
    MapBinder<String, DatasetSource> images = MapBinder.newMapBinder(binder(), String.class, DatasetSource.class);
    discovered.images().forEach((name, source) -> images.addBinding(name).toInstance(source));
    MapBinder<String, TextSource> texts = MapBinder.newMapBinder(binder(), String.class, TextSource.class);
    discovered.texts().forEach((name, source) -> texts.addBinding(name).toInstance(source));
  }
}
