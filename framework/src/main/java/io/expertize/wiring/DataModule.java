package io.expertize.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.expertize.data.DatasetSource;
import io.expertize.data.FashionMnistSource;
import io.expertize.data.text.FortunesSource;
import io.expertize.data.text.TextSource;

/** Named datasets, selected by the {@code data} key: image datasets and text corpora. */
public final class DataModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, DatasetSource> datasets = MapBinder.newMapBinder(binder(), String.class, DatasetSource.class);
    datasets.addBinding("fashion-mnist").to(FashionMnistSource.class);
    MapBinder<String, TextSource> texts = MapBinder.newMapBinder(binder(), String.class, TextSource.class);
    texts.addBinding("fortunes").to(FortunesSource.class);
  }
}
