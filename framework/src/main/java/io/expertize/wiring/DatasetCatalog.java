package io.expertize.wiring;

import com.google.inject.Inject;
import io.expertize.config.ConfigException;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.data.DatasetProvider;
import io.expertize.data.DatasetSource;
import io.expertize.data.text.TextSource;
import io.expertize.registry.ProviderHint;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The registered datasets by name, image datasets and text corpora (both from {@link DatasetProvider}
 * services), and the errors that name the {@code data} key: an unknown name lists the registered ones
 * and says how to add one.
 */
final class DatasetCatalog {
  private final Map<String, DatasetSource> images;
  private final Map<String, TextSource> texts;

  @Inject
  DatasetCatalog(Map<String, DatasetSource> images, Map<String, TextSource> texts) {
    this.images = images;
    this.texts = texts;
  }

  /** The text corpus that {@code data} names, if it names one. */
  Optional<TextSource> text(ExpertizeConfig c) {
    return Optional.ofNullable(texts.get(c.get(Keys.DATA)));
  }

  /** Whether {@code data} names an image dataset; an unknown name is refused. */
  boolean isImages(ExpertizeConfig c) {
    String name = c.get(Keys.DATA);
    if (!images.containsKey(name) && !texts.containsKey(name)) {
      throw unknown(name);
    }
    return images.containsKey(name);
  }

  /** The image dataset that {@code data} names; a corpus or an unknown name is refused. */
  DatasetSource images(ExpertizeConfig c) {
    if (!isImages(c)) {
      throw ModelConstruction.notTextToText(c);
    }
    return images.get(c.get(Keys.DATA));
  }

  private ConfigException unknown(String name) {
    TreeSet<String> names = new TreeSet<>(images.keySet());
    names.addAll(texts.keySet());
    return new ConfigException("data: no dataset named '" + name + "'; registered: " + String.join(", ", names)
        + ". " + ProviderHint.howToAdd("dataset", DatasetProvider.class));
  }
}
