package io.expertize.data;

import io.expertize.data.text.TextSource;
import java.util.List;

/**
 * Service-provider interface through which the framework and a user's jar contribute named datasets,
 * as {@link io.expertize.registry.ModelProvider} does for models. Listed in
 * {@code META-INF/services/io.expertize.data.DatasetProvider}; the {@code data} key accepts any name
 * a provider on the class path registers.
 */
public interface DatasetProvider {
  /** Labelled image datasets, for image classifiers. */
  default List<DatasetSource> imageDatasets() {
    return List.of();
  }

  /** Text corpora, for text-to-text models. */
  default List<TextSource> textDatasets() {
    return List.of();
  }
}
