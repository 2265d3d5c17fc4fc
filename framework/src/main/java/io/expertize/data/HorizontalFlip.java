package io.expertize.data;

import java.util.SplittableRandom;

/** Mirrors each image left-right with probability {@code probability} (usually 0.5). */
public final class HorizontalFlip implements Augmentation {
  private final double probability;

  public HorizontalFlip(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("flip probability must be in [0, 1], got " + probability);
    }
    this.probability = probability;
  }

  @Override
  public String name() {
    return "horizontal-flip";
  }

  @Override
  public void apply(Batch batch, SplittableRandom random) {
    for (int i = 0; i < batch.size(); i++) {
      if (random.nextDouble() < probability) {
        flip(batch.images(), batch.imageOffset(i), batch.shape());
      }
    }
  }

  /** Mirrors one HWC image in place; applying it twice is the identity. */
  public static void flip(float[] images, int offset, ImageShape shape) {
    int w = shape.width();
    int c = shape.channels();
    for (int y = 0; y < shape.height(); y++) {
      int row = offset + y * w * c;
      for (int l = 0, r = w - 1; l < r; l++, r--) {
        for (int k = 0; k < c; k++) {
          float t = images[row + l * c + k];
          images[row + l * c + k] = images[row + r * c + k];
          images[row + r * c + k] = t;
        }
      }
    }
  }
}
