package io.expertize.data;

import java.util.SplittableRandom;

/** Small synthetic datasets and batches for tests. */
final class TestData {
  private TestData() {}

  /** n random uint8 images; label i is i % numClasses. */
  static ImageDataset dataset(int n, ImageShape shape, int numClasses) {
    SplittableRandom random = new SplittableRandom(42);
    byte[] pixels = new byte[n * shape.size()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) random.nextInt(256);
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % numClasses;
    }
    return ImageDataset.ofBytes("synthetic", shape, pixels, labels, numClasses);
  }

  /** A batch with distinct random pixels and one-hot targets for labels i % numClasses. */
  static Batch batch(int size, ImageShape shape, int numClasses, long seed) {
    Batch batch = new Batch(size, shape, numClasses);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < batch.images().length; i++) {
      batch.images()[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < size; i++) {
      batch.labels()[i] = i % numClasses;
    }
    LabelSmoothing.none().fill(batch.labels(), size, numClasses, batch.targets());
    return batch;
  }
}
