package io.expertize.data;

import java.util.Objects;

/**
 * A dataset's training and test splits.
 *
 * @param train the training split
 * @param test the held-out split used for evaluation
 */
public record DatasetSplits(ImageDataset train, ImageDataset test) {

  public DatasetSplits {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
  }

  /** The first {@code nTrain} / {@code nTest} examples of each split. */
  public DatasetSplits subset(int nTrain, int nTest) {
    return new DatasetSplits(train.subset(nTrain), test.subset(nTest));
  }
}
