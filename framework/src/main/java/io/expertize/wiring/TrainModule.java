package io.expertize.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.expertize.config.ConfigException;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.data.DataRequest;
import io.expertize.data.DatasetInfo;
import io.expertize.data.DatasetSource;
import io.expertize.data.DatasetSplits;
import io.expertize.data.ImageShape;
import io.expertize.data.Normalization;
import io.expertize.data.text.TextSource;
import io.expertize.graph.Module;
import io.expertize.nn.ImageClassifier;
import io.expertize.nn.Seq2SeqModel;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.ModelRequest;
import io.expertize.train.TrainSettings;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Turns the configuration into the parts of a run: settings, dataset, model. No logic beyond lookups. */
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
  DatasetSource dataset(ExpertizeConfig c, Map<String, DatasetSource> datasets, Map<String, TextSource> texts) {
    String name = c.get(Keys.DATA);
    DatasetSource source = datasets.get(name);
    if (source == null) {
      throw texts.containsKey(name) ? TaskModule.notTextToText(c) : unknownDataset(name, datasets, texts);
    }
    return source;
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
  Module model(ExpertizeConfig c, ModelRegistry registry, Map<String, DatasetSource> datasets,
      Map<String, TextSource> texts, Provider<DatasetInfo> infos) {
    String name = c.get(Keys.DATA);
    boolean images = datasets.containsKey(name);
    if (!images && !texts.containsKey(name)) {
      throw unknownDataset(name, datasets, texts);
    }
    ModelFactory factory = registry.get(c.get(Keys.MODEL));
    if (!images && !(factory.reference() instanceof Seq2SeqModel)) { // before its shape errors on no images
      throw TaskModule.notTextToText(c);
    }
    int imageSize = c.get(Keys.MODEL_IMAGE_SIZE);
    if (!images && imageSize != 0) {
      throw new ConfigException("model.image-size: " + imageSize + " applies to image data; data = "
          + c.get(Keys.DATA) + " is text: leave it at 0");
    }
    DatasetInfo info = images ? infos.get() : null;
    ImageShape in = info != null ? info.shape() : null;
    if (in != null && imageSize != 0 && imageSize != in.height()) {
      throw new ConfigException(String.format(
          "model.image-size: %d differs from the %dx%d images of data = %s, which are not resized; leave it at 0 "
              + "(the dataset's size), or train on data = image-folder, which resizes", imageSize, in.height(),
          in.width(), name));
    }
    ModelRequest request = ModelConfig.request(c, Optional.ofNullable(info));
    try {
      return factory.create(request);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("model '" + c.get(Keys.MODEL) + "': " + e.getMessage());
    }
  }

  private static ConfigException unknownDataset(String name, Map<String, DatasetSource> images,
      Map<String, TextSource> texts) {
    TreeSet<String> names = new TreeSet<>(images.keySet());
    names.addAll(texts.keySet());
    return new ConfigException("data: no dataset named '" + name + "'; registered: " + String.join(", ", names)
        + " (a DatasetProvider on the class path adds more)");
  }

  @Provides
  @Singleton
  ImageClassifier imageClassifier(ExpertizeConfig c, Module model) {
    if (model instanceof ImageClassifier classifier) {
      return classifier;
    }
    throw new ConfigException("model '" + c.get(Keys.MODEL) + "' is not an image classifier, which data = "
        + c.get(Keys.DATA) + " needs");
  }
}
