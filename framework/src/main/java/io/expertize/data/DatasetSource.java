package io.expertize.data;

import java.nio.file.Path;

/** A named image-classification dataset that a run can train on ({@code data=fashion-mnist}). */
public interface DatasetSource {
  /** Loads the splits from {@code dir}; a subset size of 0 means all. */
  DatasetSplits load(Path dir, int trainSubset, int testSubset);

  Normalization normalization();

  ImageShape shape();

  int numClasses();
}
