package io.expertize.wiring;

import com.google.inject.Provider;
import io.expertize.config.ConfigException;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.data.DatasetInfo;
import io.expertize.data.ImageShape;
import io.expertize.graph.Module;
import io.expertize.nn.ImageClassifier;
import io.expertize.nn.Seq2SeqModel;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRegistry;
import java.util.Optional;

/**
 * The run's model: the named model with the {@code model.*} overrides, built on the dataset's images
 * (on none for a text corpus). A model of the wrong kind for the data, an image size the data does not
 * have, or a shape the model refuses is a {@link ConfigException} that names the key.
 */
final class ModelConstruction {
  private ModelConstruction() {}

  static Module create(ExpertizeConfig c, ModelRegistry registry, DatasetCatalog data, Provider<DatasetInfo> infos) {
    boolean images = data.isImages(c);
    ModelFactory factory = registry.get(c.get(Keys.MODEL));
    if (!images && !(factory.reference() instanceof Seq2SeqModel)) { // before its shape errors on no images
      throw notTextToText(c);
    }
    Optional<Integer> imageSize = c.get(Keys.MODEL_IMAGE_SIZE);
    if (!images && imageSize.isPresent()) {
      throw new ConfigException("model.image-size: " + imageSize.get() + " applies to image data; data = "
          + c.get(Keys.DATA) + " is text: leave it at " + Keys.FROM_DATA);
    }
    Optional<DatasetInfo> info = images ? Optional.of(infos.get()) : Optional.empty();
    info.map(DatasetInfo::shape).ifPresent(in -> imageSize.ifPresent(size -> checkImageSize(c, size, in)));
    try {
      return factory.create(ModelConfig.request(c, info));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("model '" + c.get(Keys.MODEL) + "': " + e.getMessage());
    }
  }

  private static void checkImageSize(ExpertizeConfig c, int imageSize, ImageShape in) {
    if (imageSize != in.height()) {
      throw new ConfigException(String.format(
          "model.image-size: %d differs from the %dx%d images of data = %s, which are not resized; leave it at %s "
              + "(the dataset's size), or train on data = image-folder, which resizes", imageSize, in.height(),
          in.width(), c.get(Keys.DATA), Keys.FROM_DATA));
    }
  }

  static ImageClassifier imageClassifier(ExpertizeConfig c, Module model) {
    if (model instanceof ImageClassifier classifier) {
      return classifier;
    }
    throw new ConfigException("model '" + c.get(Keys.MODEL) + "' is not an image classifier, which data = "
        + c.get(Keys.DATA) + " needs");
  }

  static Seq2SeqModel seq2seq(ExpertizeConfig c, Module model) {
    if (model instanceof Seq2SeqModel seq2seq) {
      return seq2seq;
    }
    throw notTextToText(c);
  }

  /** A text corpus with a model of another kind, or the other way round. */
  static ConfigException notTextToText(ExpertizeConfig c) {
    return new ConfigException("data: " + c.get(Keys.DATA) + " is text, for text-to-text models (t5_*, byt5_small); "
        + "model '" + c.get(Keys.MODEL) + "' is not one: train it on data=fashion-mnist");
  }
}
