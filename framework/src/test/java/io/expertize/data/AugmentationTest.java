package io.expertize.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {
  private static final ImageShape SHAPE = new ImageShape(7, 5, 3);
  private static final Normalization NORM =
      Normalization.of(new float[] {0.5f, 0.4f, 0.3f}, new float[] {0.2f, 0.25f, 0.5f});

  @Test
  void flippingTwiceIsTheIdentity() {
    Batch batch = TestData.batch(3, SHAPE, 4, 1);
    float[] original = batch.images().clone();
    HorizontalFlip.flip(batch.images(), batch.imageOffset(1), SHAPE);
    assertThat(batch.images()).isNotEqualTo(original);
    // Pixel (y, x, c) moved to (y, w-1-x, c), channels kept together.
    int off = batch.imageOffset(1);
    assertThat(batch.images()[off + (2 * 5 + 4) * 3 + 1]).isEqualTo(original[off + (2 * 5) * 3 + 1]);
    HorizontalFlip.flip(batch.images(), batch.imageOffset(1), SHAPE);
    assertThat(batch.images()).isEqualTo(original);
  }

  @Test
  void flipWithProbabilityOneFlipsEveryImage() {
    Batch batch = TestData.batch(4, SHAPE, 4, 2);
    Batch expected = TestData.batch(4, SHAPE, 4, 2);
    for (int i = 0; i < 4; i++) {
      HorizontalFlip.flip(expected.images(), expected.imageOffset(i), SHAPE);
    }
    new HorizontalFlip(1.0).apply(batch, new SplittableRandom(0));
    assertThat(batch.images()).isEqualTo(expected.images());
  }

  @Test
  void cropWithZeroPaddingIsTheIdentity() {
    Batch batch = TestData.batch(5, SHAPE, 4, 3);
    float[] original = batch.images().clone();
    new RandomCrop(0, NORM).apply(batch, new SplittableRandom(9));
    assertThat(batch.images()).isEqualTo(original);
  }

  @Test
  void cropShiftsTheImageAndFillsWithNormalisedBlack() {
    Batch batch = TestData.batch(1, SHAPE, 4, 4);
    float[] in = batch.images().clone();
    float[] fill = {NORM.apply(0, 0), NORM.apply(1, 0), NORM.apply(2, 0)};
    RandomCrop.shift(batch.images(), 0, SHAPE, 2, -1, fill, new float[SHAPE.size()]);
    float[] out = batch.images();
    for (int y = 0; y < 7; y++) {
      for (int x = 0; x < 5; x++) {
        for (int c = 0; c < 3; c++) {
          int sy = y + 2;
          int sx = x - 1;
          boolean inside = sy < 7 && sx >= 0;
          float expected = inside ? in[(sy * 5 + sx) * 3 + c] : fill[c];
          assertThat(out[(y * 5 + x) * 3 + c]).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void cropKeepsEveryPixelFromTheImageOrTheFill() {
    Batch batch = TestData.batch(8, SHAPE, 4, 5);
    float[] original = batch.images().clone();
    new RandomCrop(2, NORM).apply(batch, new SplittableRandom(1));
    assertThat(batch.images()).isNotEqualTo(original);
  }

  @Test
  void randomErasingChangesOnlyOneRectangle() {
    ImageShape shape = new ImageShape(28, 28, 1);
    RandomErasing erasing = new RandomErasing(1.0);
    SplittableRandom random = new SplittableRandom(17);
    int erased = 0;
    for (int trial = 0; trial < 200; trial++) {
      Batch batch = TestData.batch(1, shape, 2, trial);
      float[] before = batch.images().clone();
      int[] box = erasing.erase(batch.images(), 0, shape, random);
      if (box == null) {
        assertThat(batch.images()).isEqualTo(before);
        continue;
      }
      erased++;
      int top = box[0];
      int left = box[1];
      int h = box[2];
      int w = box[3];
      double fraction = (double) h * w / shape.pixels();
      // Rounding of h and w can push the area slightly outside [0.02, 1/3].
      assertThat(fraction).isBetween(0.01, 0.40);
      assertThat(top + h).isLessThanOrEqualTo(28);
      assertThat(left + w).isLessThanOrEqualTo(28);
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          boolean inBox = y >= top && y < top + h && x >= left && x < left + w;
          boolean changed = batch.images()[y * 28 + x] != before[y * 28 + x];
          assertThat(changed).as("pixel (%d, %d) in box %s", y, x, inBox).isEqualTo(inBox);
        }
      }
    }
    assertThat(erased).isGreaterThan(190); // 10 attempts almost always find a fitting box
  }

  @Test
  void randomErasingWithProbabilityZeroChangesNothing() {
    Batch batch = TestData.batch(6, SHAPE, 4, 6);
    float[] original = batch.images().clone();
    new RandomErasing(0).apply(batch, new SplittableRandom(2));
    assertThat(batch.images()).isEqualTo(original);
  }
}
