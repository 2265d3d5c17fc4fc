package io.expertize.data;

import io.expertize.config.Keys;
import io.expertize.options.OptionsStyle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * What a run asks of a dataset: where it is and what the model's input must be. Every optional part,
 * when empty, is the data's own (its directory, image size, channel count, classes). Written by name
 * with {@link #builder()} (or {@link #of(Path)} and the {@code with} methods); a
 * {@link DatasetProvider}'s sources read it:
 *
 * <pre>{@code
 * DataRequest r = DataRequest.builder().dir(Path.of("data/flowers")).imageSize(64).trainLimit(5000).build();
 * }</pre>
 */
@Value.Immutable
@OptionsStyle
public abstract class DataRequest {

  /** The dataset directory ({@code data.dir}); empty = the dataset's default location, if it has one. */
  public abstract Optional<Path> dir();

  /** Read at most this many training examples; all of them by default. */
  @Value.Default
  public int trainLimit() {
    return Integer.MAX_VALUE;
  }

  /** Read at most this many test examples; all of them by default. */
  @Value.Default
  public int testLimit() {
    return Integer.MAX_VALUE;
  }

  /** Side the images are resized to, for sources that resize; empty = their own size. */
  public abstract OptionalInt imageSize();

  /** 1 (grey) or 3 (RGB), for sources that convert; empty = the data's own. */
  public abstract OptionalInt channels();

  /** The class names, in label order, that the data must hold (a recorded run's); empty = the data's own. */
  public abstract List<String> classes();

  /** The share of each class held out when the data has no test split ({@code data.val-fraction}). */
  @Value.Default
  public double valFraction() {
    return Keys.DATA_VAL_FRACTION.defaultValue();
  }

  /** The seed of that split. */
  @Value.Default
  public long seed() {
    return Keys.SEED.defaultValue();
  }

  /**
   * Skip (and list in {@link DatasetSplits#skipped()}) images that cannot be decoded, instead of failing
   * on the first ({@code data.skip-bad-images}).
   */
  @Value.Default
  public boolean skipBadImages() {
    return Keys.DATA_SKIP_BAD_IMAGES.defaultValue();
  }

  /**
   * The settings only some sources read, by key name ({@code data.train-files}, {@code data.image-feature},
   * ...); a source takes its own default for a key that is absent.
   */
  public abstract Map<String, String> options();

  @Value.Check
  void check() {
    if (trainLimit() < 0 || testLimit() < 0) {
      throw new IllegalArgumentException("limits must be >= 0, got " + trainLimit() + " and " + testLimit());
    }
  }

  /** A request with the defaults above; set what differs. */
  public static Builder builder() {
    return new Builder();
  }

  /** The request by name. */
  public static final class Builder extends ImmutableDataRequest.Builder {
    Builder() {}
  }

  /** All of the data in {@code dir}, at its own size, channels and classes. */
  public static DataRequest of(Path dir) {
    return builder().dir(dir).build();
  }

  private Builder copy() {
    Builder b = builder();
    b.from(this);
    return b;
  }

  public DataRequest withLimits(int train, int test) {
    return copy().trainLimit(train).testLimit(test).build();
  }

  public DataRequest withImageSize(int size) {
    return copy().imageSize(size).build();
  }

  public DataRequest withChannels(int n) {
    return copy().channels(n).build();
  }

  public DataRequest withClasses(List<String> names) {
    Builder b = copy();
    b.classes(names);
    return b.build();
  }

  public DataRequest withSplit(double fraction, long splitSeed) {
    return copy().valFraction(fraction).seed(splitSeed).build();
  }

  public DataRequest withSkipBadImages(boolean skip) {
    return copy().skipBadImages(skip).build();
  }

  /** With option {@code key} set to {@code value} (the others kept). */
  public DataRequest withOption(String key, String value) {
    return copy().putOptions(key, value).build();
  }

  /** Option {@code key}, or {@code fallback} when it is absent or blank. */
  public String option(String key, String fallback) {
    String value = options().get(key);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** The directory, or an error naming the dataset that needs one. */
  public Path requireDir(String dataset) {
    return dir().orElseThrow(() -> new DataException(
        "data = " + dataset + " has no default location: pass --data DIR (or --set data.dir=DIR)"));
  }
}
