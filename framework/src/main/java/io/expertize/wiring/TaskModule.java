package io.expertize.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.expertize.config.ConfigException;
import io.expertize.config.ConfigKey;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.data.DatasetInfo;
import io.expertize.data.DatasetSplits;
import io.expertize.data.Normalization;
import io.expertize.data.text.ByteVocabulary;
import io.expertize.data.text.SpanCorruption;
import io.expertize.data.text.SpanCorruptionDataset;
import io.expertize.data.text.TextSource;
import io.expertize.data.text.TextSplits;
import io.expertize.export.ImageServing;
import io.expertize.export.Serving;
import io.expertize.export.TextServing;
import io.expertize.graph.Module;
import io.expertize.nn.ImageClassifier;
import io.expertize.nn.Seq2SeqModel;
import io.expertize.train.ImageClassificationTask;
import io.expertize.train.Seq2SeqTask;
import io.expertize.train.Task;
import java.util.List;
import java.util.Map;

/**
 * The task of a run and how its model is served, from the kind of data: an image dataset trains an
 * image classifier, a text corpus pretrains a text-to-text model by span corruption. A model of the
 * other kind is an error that names both.
 */
public final class TaskModule extends AbstractModule {
  /** Augmentations that only images have: set for text, they would be silently ignored. */
  private static final List<ConfigKey<?>> IMAGE_ONLY = List.of(Keys.AUG_CROP_PADDING, Keys.AUG_HFLIP,
      Keys.AUG_RANDOM_ERASING, Keys.AUG_MIXUP_ALPHA, Keys.AUG_CUTMIX_ALPHA);

  @Provides
  @Singleton
  Task<?> task(ExpertizeConfig c, Module model, Map<String, TextSource> texts, Provider<ImageClassifier> classifier,
      Provider<DatasetSplits> splits, Provider<Normalization> normalization) {
    TextSource text = texts.get(c.get(Keys.DATA));
    if (text == null) {
      return new ImageClassificationTask(classifier.get(), splits.get(), normalization.get());
    }
    return spanCorruption(c, seq2seq(c, model), text);
  }

  /** How the run's model is served once exported: on raw pixels, or text in and text out. */
  @Provides
  Serving serving(ExpertizeConfig c, Module model, Map<String, TextSource> texts, Provider<ImageClassifier> classifier,
      Provider<Normalization> normalization, Provider<DatasetInfo> info) {
    if (!texts.containsKey(c.get(Keys.DATA))) {
      return new ImageServing(classifier.get(), normalization.get(), info.get().classNames());
    }
    Seq2SeqModel seq2seq = seq2seq(c, model);
    int length = c.get(Keys.DATA_INPUTS_LENGTH);
    int maxLength = c.get(Keys.EXPORT_MAX_LENGTH);
    return new TextServing(seq2seq, length, maxLength > 0 ? maxLength : corruption(c, seq2seq).rawAndTargetsLength(length)[1]);
  }

  private static Seq2SeqModel seq2seq(ExpertizeConfig c, Module model) {
    if (model instanceof Seq2SeqModel seq2seq) {
      return seq2seq;
    }
    throw notTextToText(c);
  }

  /** A text corpus with a model of another kind. */
  static ConfigException notTextToText(ExpertizeConfig c) {
    return new ConfigException("data: " + c.get(Keys.DATA) + " is text, for text-to-text models (t5_*, byt5_small); "
        + "model '" + c.get(Keys.MODEL) + "' is not one: train it on data=fashion-mnist");
  }

  private static SpanCorruption corruption(ExpertizeConfig c, Seq2SeqModel model) {
    return new SpanCorruption(c.get(Keys.DATA_NOISE_DENSITY), c.get(Keys.DATA_MEAN_SPAN_LENGTH), model.vocabSize(),
        ByteVocabulary.SENTINELS);
  }

  private static Seq2SeqTask spanCorruption(ExpertizeConfig c, Seq2SeqModel model, TextSource text) {
    List<String> imageOnly = IMAGE_ONLY.stream().filter(k -> !c.get(k).equals(k.defaultValue()))
        .map(k -> k.name() + " = " + c.get(k)).toList();
    if (!imageOnly.isEmpty()) {
      throw new ConfigException(String.join(", ", imageOnly) + ": image augmentation, which data = "
          + c.get(Keys.DATA) + " (text) does not use: leave " + (imageOnly.size() > 1 ? "them" : "it") + " at the default");
    }
    if (model.vocabSize() < ByteVocabulary.SIZE) {
      throw new ConfigException("model '" + c.get(Keys.MODEL) + "': its vocabulary of " + model.vocabSize()
          + " ids cannot hold the " + ByteVocabulary.SIZE + " of the byte vocabulary (3 specials, 256 bytes, "
          + ByteVocabulary.SENTINELS + " sentinels) that " + c.get(Keys.DATA) + " is encoded in");
    }
    SpanCorruption corruption = corruption(c, model);
    int length = c.get(Keys.DATA_INPUTS_LENGTH);
    int spans = corruption.counts(corruption.rawAndTargetsLength(length)[0]).noiseSpans();
    if (spans > ByteVocabulary.SENTINELS) {
      throw new ConfigException(String.format("data.inputs-length: %d tokens are corrupted into %d spans at "
              + "data.noise-density %s and data.mean-span-length %s, more than the %d sentinels: shorten the inputs "
              + "or lengthen the spans", length, spans, c.get(Keys.DATA_NOISE_DENSITY),
          c.get(Keys.DATA_MEAN_SPAN_LENGTH), ByteVocabulary.SENTINELS));
    }
    TextSplits split = text.splits(DataConfig.request(c));
    SpanCorruptionDataset train = dataset(split.train(), "training", corruption, length, c.get(Keys.SEED));
    SpanCorruptionDataset test = dataset(split.test(), "held-out", corruption, length, c.get(Keys.SEED));
    return new Seq2SeqTask(model, train, test, subset(c.get(Keys.DATA_TRAIN_SUBSET), train.size()),
        subset(c.get(Keys.DATA_TEST_SUBSET), test.size()), c.get(Keys.TRAIN_LABEL_SMOOTHING));
  }

  private static SpanCorruptionDataset dataset(
      List<String> documents, String split, SpanCorruption corruption, int length, long seed) {
    try {
      return new SpanCorruptionDataset(documents, corruption, length, seed);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("data.inputs-length: the " + split + " split is too short: " + e.getMessage());
    }
  }

  private static int subset(int requested, int available) {
    return requested > 0 ? Math.min(requested, available) : available;
  }
}
