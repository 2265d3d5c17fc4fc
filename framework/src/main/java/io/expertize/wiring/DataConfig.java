package io.expertize.wiring;

import io.expertize.config.ConfigException;
import io.expertize.config.ConfigKey;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.data.DataRequest;
import io.expertize.data.DatasetInfo;
import io.expertize.data.Normalization;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The {@code data.*} keys both ways: read into a {@link DataRequest} and a normalisation, and what a
 * run found its data to be (size, colour mode, classes, mean and std) written back, so config.yaml
 * holds it and evaluation and the export of the run need not read the data to know it.
 */
final class DataConfig {
  private DataConfig() {}

  static DataRequest request(ExpertizeConfig c) {
    String dir = c.get(Keys.DATA_DIR);
    return DataRequest.builder().dir(dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir)))
        .trainLimit(orAll(c.get(Keys.DATA_TRAIN_SUBSET))).testLimit(orAll(c.get(Keys.DATA_TEST_SUBSET)))
        .imageSize(c.get(Keys.MODEL_IMAGE_SIZE).map(OptionalInt::of).orElse(OptionalInt.empty())).channels(channels(c.get(Keys.DATA_COLOR_MODE)))
        .classes(classes(c)).valFraction(c.get(Keys.DATA_VAL_FRACTION)).seed(c.get(Keys.SEED))
        .skipBadImages(c.get(Keys.DATA_SKIP_BAD_IMAGES)).options(options(c)).build();
  }

  /** The keys only some sources read, by name, for {@link DataRequest#options()}. */
  static Map<String, String> options(ExpertizeConfig c) {
    Map<String, String> options = new TreeMap<>();
    for (ConfigKey<String> key : List.of(Keys.DATA_TRAIN_FILES, Keys.DATA_TEST_FILES, Keys.DATA_IMAGE_FEATURE,
        Keys.DATA_LABEL_FEATURE, Keys.DATA_COMPRESSION, Keys.DATA_SEPARATOR, Keys.DATA_TEXT_FIELD)) {
      options.put(key.name(), c.get(key));
    }
    return options;
  }

  /** {@code data.mean} and {@code data.std}, when set: both, one value per channel. */
  static Optional<Normalization> normalization(ExpertizeConfig c, int channels) {
    String mean = c.get(Keys.DATA_MEAN);
    String std = c.get(Keys.DATA_STD);
    if (mean.isBlank() && std.isBlank()) {
      return Optional.empty();
    }
    float[] m = floats(Keys.DATA_MEAN.name(), mean, channels);
    float[] s = floats(Keys.DATA_STD.name(), std, channels);
    try {
      return Optional.of(Normalization.of(m, s));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("data.mean / data.std: " + e.getMessage());
    }
  }

  /** {@code c} with what the data turned out to be, for the run's config.yaml. */
  static ExpertizeConfig recorded(ExpertizeConfig c, DatasetInfo info, Normalization normalization) {
    StringBuilder mean = new StringBuilder();
    StringBuilder std = new StringBuilder();
    for (int ch = 0; ch < normalization.channels(); ch++) {
      mean.append(ch > 0 ? "," : "").append(normalization.mean(ch));
      std.append(ch > 0 ? "," : "").append(normalization.std(ch));
    }
    return c.with(Keys.MODEL_IMAGE_SIZE, Optional.of(info.shape().height()))
        .with(Keys.DATA_COLOR_MODE, info.shape().channels() == 1 ? "grayscale" : "rgb")
        .with(Keys.DATA_CLASSES, String.join(",", info.classNames()))
        .with(Keys.DATA_MEAN, mean.toString()).with(Keys.DATA_STD, std.toString());
  }

  private static OptionalInt channels(String colorMode) {
    return switch (colorMode) {
      case "grayscale" -> OptionalInt.of(1);
      case "rgb" -> OptionalInt.of(3);
      default -> OptionalInt.empty();
    };
  }

  private static List<String> classes(ExpertizeConfig c) {
    String names = c.get(Keys.DATA_CLASSES);
    if (names.isBlank()) {
      return List.of();
    }
    List<String> list = Arrays.stream(names.split(",", -1)).map(String::strip).toList();
    if (list.contains("") || list.stream().distinct().count() != list.size()) {
      throw new ConfigException("data.classes: '" + names + "' needs distinct, non-empty names separated by commas");
    }
    return list;
  }

  private static float[] floats(String key, String text, int channels) {
    String[] parts = text.split(",", -1);
    if (text.isBlank() || parts.length != channels) {
      throw new ConfigException(key + ": '" + text + "' needs " + channels + " comma-separated value(s), one per "
          + "channel of the data; set data.mean and data.std together, or leave both empty");
    }
    float[] values = new float[channels];
    for (int i = 0; i < channels; i++) {
      try {
        values[i] = Float.parseFloat(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new ConfigException(key + ": '" + parts[i].strip() + "' is not a number");
      }
    }
    return values;
  }

  private static int orAll(Optional<Integer> n) {
    return n.orElse(Integer.MAX_VALUE);
  }
}
