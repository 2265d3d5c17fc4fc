package io.expertize.data;

import java.util.SplittableRandom;

/**
 * Random erasing (Zhong et al. 2017) with timm's {@code RandomErasing(mode='pixel')} semantics:
 * with probability {@code probability} per image, up to 10 attempts draw a target area fraction
 * uniform in [0.02, 1/3] and a log-uniform aspect ratio in [0.3, 1/0.3]; the first rectangle that
 * fits strictly inside the image is filled with per-pixel N(0, 1) noise. The noise is in
 * normalised units, which is why this runs after normalisation (as in timm). One difference:
 * box sides round half up ({@link Math#round}) where Python rounds half to even.
 */
public final class RandomErasing implements Augmentation {
  static final double MIN_AREA = 0.02;
  static final double MAX_AREA = 1.0 / 3.0;
  static final double MIN_ASPECT = 0.3;
  static final int ATTEMPTS = 10;

  private static final double LOG_MIN_ASPECT = Math.log(MIN_ASPECT);
  private static final double LOG_MAX_ASPECT = Math.log(1.0 / MIN_ASPECT);

  private final double probability;

  public RandomErasing(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException(
          "random erasing probability must be in [0, 1], got " + probability);
    }
    this.probability = probability;
  }

  @Override
  public String name() {
    return "random-erasing";
  }

  @Override
  public void apply(Batch batch, SplittableRandom random) {
    for (int i = 0; i < batch.size(); i++) {
      erase(batch.images(), batch.imageOffset(i), batch.shape(), random);
    }
  }

  /**
   * Erases at most one rectangle of one image.
   *
   * @return {top, left, h, w} of the erased rectangle, or null if none was erased
   */
  int[] erase(float[] images, int offset, ImageShape shape, SplittableRandom random) {
    if (random.nextDouble() >= probability) {
      return null;
    }
    int imgH = shape.height();
    int imgW = shape.width();
    int c = shape.channels();
    double area = (double) imgH * imgW;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double targetArea = uniform(random, MIN_AREA, MAX_AREA) * area;
      double aspect = Math.exp(uniform(random, LOG_MIN_ASPECT, LOG_MAX_ASPECT));
      int h = (int) Math.round(Math.sqrt(targetArea * aspect));
      int w = (int) Math.round(Math.sqrt(targetArea / aspect));
      if (w < imgW && h < imgH) {
        int top = random.nextInt(imgH - h + 1);
        int left = random.nextInt(imgW - w + 1);
        for (int y = top; y < top + h; y++) {
          int row = offset + (y * imgW + left) * c;
          for (int j = 0; j < w * c; j++) {
            images[row + j] = (float) random.nextGaussian();
          }
        }
        return new int[] {top, left, h, w};
      }
    }
    return null;
  }

  private static double uniform(SplittableRandom random, double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }
}
