package io.expertize.data;

import java.util.List;
import java.util.Objects;

/**
 * A dataset's training and test splits and the names of its classes.
 *
 * @param train the training split
 * @param test the held-out split used for evaluation
 * @param classNames one name per label, in label order
 * @param skipped the images left out because they could not be decoded ({@code data.skip-bad-images}), each
 *     as {@code "source: reason"}
 */
public record DatasetSplits(ImageDataset train, ImageDataset test, List<String> classNames, List<String> skipped) {

  public DatasetSplits {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    classNames = List.copyOf(classNames);
    skipped = List.copyOf(skipped);
    if (classNames.size() != train.numClasses() || test.numClasses() != train.numClasses()) {
      throw new IllegalArgumentException("train has " + train.numClasses() + " classes, test " + test.numClasses()
          + ", and " + classNames.size() + " class names are given");
    }
  }

  /** Splits of which no image was skipped. */
  public DatasetSplits(ImageDataset train, ImageDataset test, List<String> classNames) {
    this(train, test, classNames, List.of());
  }

  /** Splits whose classes are known by their labels only ({@code "0", "1", ...}). */
  public DatasetSplits(ImageDataset train, ImageDataset test) {
    this(train, test, DatasetInfo.indexNames(train.numClasses()));
  }

  /** The first {@code nTrain} / {@code nTest} examples of each split. */
  public DatasetSplits subset(int nTrain, int nTest) {
    return new DatasetSplits(train.subset(nTrain), test.subset(nTest), classNames, skipped);
  }
}
