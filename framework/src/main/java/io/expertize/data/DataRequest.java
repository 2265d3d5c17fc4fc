package io.expertize.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a run asks of an image dataset: where it is and what the model's input must be. Every
 * optional part, when empty, is the data's own (its directory, image size, channel count, classes).
 *
 * @param dir the dataset directory ({@code data.dir}); empty = the dataset's default location, if it has one
 * @param trainLimit read at most this many training examples ({@code Integer.MAX_VALUE}: all)
 * @param testLimit read at most this many test examples
 * @param imageSize side the images are resized to, for sources that resize
 * @param channels 1 (grey) or 3 (RGB), for sources that convert
 * @param classes the class names, in label order, that the data must hold (a recorded run's)
 * @param valFraction the share of each class held out when the data has no test split
 * @param seed the seed of that split
 * @param skipBadImages skip (and list in {@link DatasetSplits#skipped()}) images that cannot be decoded,
 *     instead of failing on the first
 * @param options the settings only some sources read, by key name ({@code data.train-files},
 *     {@code data.image-feature}, ...); a source takes its own default for a key that is absent
 */
public record DataRequest(Optional<Path> dir, int trainLimit, int testLimit, OptionalInt imageSize,
    OptionalInt channels, List<String> classes, double valFraction, long seed, boolean skipBadImages,
    Map<String, String> options) {

  public DataRequest {
    classes = List.copyOf(classes);
    options = Map.copyOf(options);
    if (trainLimit < 0 || testLimit < 0) {
      throw new IllegalArgumentException("limits must be >= 0, got " + trainLimit + " and " + testLimit);
    }
  }

  /** All of the data in {@code dir}, at its own size, channels and classes. */
  public static DataRequest of(Path dir) {
    return new DataRequest(Optional.of(dir), Integer.MAX_VALUE, Integer.MAX_VALUE, OptionalInt.empty(),
        OptionalInt.empty(), List.of(), 0.1, 42L, false, Map.of());
  }

  public DataRequest withLimits(int train, int test) {
    return new DataRequest(dir, train, test, imageSize, channels, classes, valFraction, seed, skipBadImages, options);
  }

  public DataRequest withImageSize(int size) {
    return new DataRequest(dir, trainLimit, testLimit, OptionalInt.of(size), channels, classes, valFraction, seed, skipBadImages, options);
  }

  public DataRequest withChannels(int n) {
    return new DataRequest(dir, trainLimit, testLimit, imageSize, OptionalInt.of(n), classes, valFraction, seed, skipBadImages, options);
  }

  public DataRequest withClasses(List<String> names) {
    return new DataRequest(dir, trainLimit, testLimit, imageSize, channels, names, valFraction, seed, skipBadImages, options);
  }

  public DataRequest withSplit(double fraction, long splitSeed) {
    return new DataRequest(dir, trainLimit, testLimit, imageSize, channels, classes, fraction, splitSeed, skipBadImages, options);
  }

  public DataRequest withSkipBadImages(boolean skip) {
    return new DataRequest(dir, trainLimit, testLimit, imageSize, channels, classes, valFraction, seed, skip, options);
  }

  /** With option {@code key} set to {@code value} (the others kept). */
  public DataRequest withOption(String key, String value) {
    Map<String, String> all = new java.util.TreeMap<>(options);
    all.put(key, value);
    return new DataRequest(dir, trainLimit, testLimit, imageSize, channels, classes, valFraction, seed, skipBadImages,
        all);
  }

  /** Option {@code key}, or {@code fallback} when it is absent or blank. */
  public String option(String key, String fallback) {
    String value = options.get(key);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** The directory, or an error naming the dataset that needs one. */
  public Path requireDir(String dataset) {
    return dir.orElseThrow(() -> new DataException(
        "data = " + dataset + " has no default location: pass --data DIR (or --set data.dir=DIR)"));
  }
}
