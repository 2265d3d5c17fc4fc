package io.expertize.data;

import java.nio.file.Path;
import java.util.Optional;

/** Fashion-MNIST as a {@link DatasetSource}. */
public final class FashionMnistSource implements DatasetSource {
  @Override
  public DatasetSplits load(Path dir, int trainSubset, int testSubset) {
    Path root = FashionMnist.locate(Optional.of(dir));
    return FashionMnist.load(root, orAll(trainSubset), orAll(testSubset));
  }

  @Override
  public Normalization normalization() {
    return FashionMnist.NORMALIZATION;
  }

  @Override
  public ImageShape shape() {
    return FashionMnist.SHAPE;
  }

  @Override
  public int numClasses() {
    return FashionMnist.NUM_CLASSES;
  }

  private static int orAll(int n) {
    return n > 0 ? n : Integer.MAX_VALUE;
  }
}
