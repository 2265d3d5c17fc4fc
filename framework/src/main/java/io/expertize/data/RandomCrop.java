package io.expertize.data;

import java.util.SplittableRandom;

/**
 * Pads each image by {@code padding} black pixels on every side and crops a random HxW window
 * back out (torchvision's {@code RandomCrop(size, padding)}). Images are already normalised, so
 * "black" is the normalised value of 0, {@code -mean/std} per channel.
 */
public final class RandomCrop implements Augmentation {
  private final int padding;
  private final float[] fill;

  public RandomCrop(int padding, Normalization normalization) {
    if (padding < 0) {
      throw new IllegalArgumentException("crop padding must be >= 0, got " + padding);
    }
    this.padding = padding;
    this.fill = new float[normalization.channels()];
    for (int c = 0; c < fill.length; c++) {
      fill[c] = normalization.apply(c, 0f);
    }
  }

  @Override
  public String name() {
    return "random-crop";
  }

  @Override
  public void apply(Batch batch, SplittableRandom random) {
    ImageShape shape = batch.shape();
    float[] scratch = new float[shape.size()];
    for (int i = 0; i < batch.size(); i++) {
      // Window origin in the padded image is (top, left) in [0, 2p]; shift = origin - p.
      int dy = random.nextInt(2 * padding + 1) - padding;
      int dx = random.nextInt(2 * padding + 1) - padding;
      shift(batch.images(), batch.imageOffset(i), shape, dy, dx, fill, scratch);
    }
  }

  /** out[y][x] = in[y + dy][x + dx], or {@code fill} outside the image. */
  static void shift(
      float[] images, int offset, ImageShape shape, int dy, int dx, float[] fill, float[] scratch) {
    if (dy == 0 && dx == 0) {
      return;
    }
    int h = shape.height();
    int w = shape.width();
    int c = shape.channels();
    int row = w * c;
    System.arraycopy(images, offset, scratch, 0, shape.size());
    for (int y = 0; y < h; y++) {
      int sy = y + dy;
      int out = offset + y * row;
      if (sy < 0 || sy >= h) {
        fillPixels(images, out, w, fill);
        continue;
      }
      // Columns x with 0 <= x + dx < w copy in one block; the rest are fill.
      int x0 = Math.max(0, -dx);
      int x1 = Math.min(w, w - dx);
      fillPixels(images, out, x0, fill);
      if (x1 > x0) {
        System.arraycopy(scratch, sy * row + (x0 + dx) * c, images, out + x0 * c, (x1 - x0) * c);
      }
      fillPixels(images, out + Math.max(x1, x0) * c, w - Math.max(x1, x0), fill);
    }
  }

  private static void fillPixels(float[] images, int offset, int pixels, float[] fill) {
    int c = fill.length;
    for (int p = 0; p < pixels; p++) {
      for (int k = 0; k < c; k++) {
        images[offset + p * c + k] = fill[k];
      }
    }
  }
}
