package io.expertize.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.expertize.config.ExpertizeConfig;
import io.expertize.data.DataRequest;
import io.expertize.data.DatasetInfo;
import io.expertize.data.DatasetSource;
import io.expertize.data.DatasetSplits;
import io.expertize.data.Normalization;
import io.expertize.graph.Module;
import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelRegistry;
import io.expertize.train.TrainSettings;

/**
 * Turns the configuration into the parts of a run: settings, dataset, model. The providers compose;
 * the logic lives in the classes they call ({@link DatasetCatalog}, {@link ModelConstruction}).
 */
public final class TrainModule extends AbstractModule {

  @Provides
  TrainSettings settings(ExpertizeConfig c) {
    return TrainConfig.settings(c);
  }

  @Provides
  DataRequest dataRequest(ExpertizeConfig c) {
    return DataConfig.request(c);
  }

  @Provides
  DatasetSource dataset(ExpertizeConfig c, DatasetCatalog data) {
    return data.images(c);
  }

  @Provides
  @Singleton
  DatasetInfo datasetInfo(DatasetSource source, DataRequest request) {
    return source.describe(request);
  }

  @Provides
  @Singleton
  DatasetSplits splits(DatasetSource source, DataRequest request, DatasetInfo info) {
    return source.load(request, info);
  }

  /** data.mean / data.std when set (a recorded run), else the dataset's known values, else the training split's. */
  @Provides
  @Singleton
  Normalization normalization(ExpertizeConfig c, DatasetSource source, DatasetInfo info,
      Provider<DatasetSplits> splits) {
    return DataConfig.normalization(c, info.shape().channels()).or(source::knownNormalization)
        .orElseGet(() -> splits.get().train().computeNormalization());
  }

  /** The named model with the {@code model.*} overrides, on the dataset's images (none for text). */
  @Provides
  @Singleton
  Module model(ExpertizeConfig c, ModelRegistry registry, DatasetCatalog data, Provider<DatasetInfo> infos) {
    return ModelConstruction.create(c, registry, data, infos);
  }

  @Provides
  @Singleton
  ImageClassifier imageClassifier(ExpertizeConfig c, Module model) {
    return ModelConstruction.imageClassifier(c, model);
  }
}
