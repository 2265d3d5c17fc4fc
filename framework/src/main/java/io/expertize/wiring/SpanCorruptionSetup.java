package io.expertize.wiring;

import io.expertize.config.ConfigException;
import io.expertize.config.ConfigKey;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.data.text.ByteVocabulary;
import io.expertize.data.text.SpanCorruption;
import io.expertize.data.text.SpanCorruptionDataset;
import io.expertize.data.text.TextSource;
import io.expertize.data.text.TextSplits;
import io.expertize.export.TextServing;
import io.expertize.nn.Seq2SeqModel;
import io.expertize.train.Seq2SeqTask;
import java.util.List;
import java.util.Optional;

/**
 * Pretraining a text-to-text model on a corpus by span corruption ({@code data.*} keys), and serving it
 * text in, text out. Settings the corpus cannot honour (image augmentation, a vocabulary smaller than
 * the bytes, more spans than sentinels, a split too short) are a {@link ConfigException} naming the key.
 */
final class SpanCorruptionSetup {
  /** Augmentations that only images have: set for text, they would be silently ignored. */
  private static final List<ConfigKey<?>> IMAGE_ONLY = List.of(Keys.AUG_CROP_PADDING, Keys.AUG_HFLIP,
      Keys.AUG_RANDOM_ERASING, Keys.AUG_MIXUP_ALPHA, Keys.AUG_CUTMIX_ALPHA);

  private SpanCorruptionSetup() {}

  static Seq2SeqTask task(ExpertizeConfig c, Seq2SeqModel model, TextSource text) {
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

  /** Inputs of {@code data.inputs-length}; outputs up to {@code export.max-length}, or the targets' length. */
  static TextServing serving(ExpertizeConfig c, Seq2SeqModel model) {
    int length = c.get(Keys.DATA_INPUTS_LENGTH);
    int maxLength = c.get(Keys.EXPORT_MAX_LENGTH).orElseGet(() -> corruption(c, model).rawAndTargetsLength(length)[1]);
    return new TextServing(model, length, maxLength);
  }

  private static SpanCorruption corruption(ExpertizeConfig c, Seq2SeqModel model) {
    return new SpanCorruption(c.get(Keys.DATA_NOISE_DENSITY), c.get(Keys.DATA_MEAN_SPAN_LENGTH), model.vocabSize(),
        ByteVocabulary.SENTINELS);
  }

  private static SpanCorruptionDataset dataset(
      List<String> documents, String split, SpanCorruption corruption, int length, long seed) {
    try {
      return new SpanCorruptionDataset(documents, corruption, length, seed);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("data.inputs-length: the " + split + " split is too short: " + e.getMessage());
    }
  }

  private static int subset(Optional<Integer> requested, int available) {
    return requested.map(n -> Math.min(n, available)).orElse(available);
  }
}
