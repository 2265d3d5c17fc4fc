package io.expertize.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.expertize.data.FashionMnist;
import io.expertize.data.Normalization;
import org.junit.jupiter.api.Test;

/**
 * The student's images are {@code (v / 255 - mean) / std} in float ({@link Normalization#apply}); a
 * SavedModel teacher fed {@link TeacherInput#PIXELS} gets back the raw pixel values the data held,
 * within float rounding, so an export (which normalises raw pixels itself) sees the student's images.
 */
class TeacherInputTest {
  @Test
  void pixelsUndoTheNormalisationOfEveryByteValue() {
    Normalization n = FashionMnist.NORMALIZATION;
    float[] normalized = new float[256];
    for (int v = 0; v < 256; v++) {
      normalized[v] = n.apply(0, v / 255f);
    }
    float[] pixels = new float[256];
    TeacherInput.PIXELS.convert(normalized, 256, n, pixels);
    float[] unit = new float[256];
    TeacherInput.UNIT.convert(normalized, 256, n, unit);
    float[] same = new float[256];
    TeacherInput.NORMALIZED.convert(normalized, 256, n, same);
    for (int v = 0; v < 256; v++) {
      assertThat((double) pixels[v]).as("byte %d", v).isCloseTo(v, within(1e-4));
      assertThat((double) unit[v]).isCloseTo(v / 255.0, within(1e-6));
      // and the export's own preprocessing, (p / 255 - mean) / std in float, gives the student's value back
      assertThat((double) n.apply(0, pixels[v] / 255f)).isCloseTo(normalized[v], within(1e-5));
    }
    assertThat(same).isEqualTo(normalized);
  }

  @Test
  void channelsAreInterleavedAndValuesOutsideTheImageRangePassThrough() {
    Normalization n = Normalization.of(new float[] {0.5f, 0.25f}, new float[] {0.5f, 0.25f});
    // two pixels, NHWC: (c0, c1), (c0, c1); -3 is below black (random erasing's noise), 5 above white
    float[] normalized = {0, 0, -3, 5};
    float[] pixels = new float[4];
    TeacherInput.PIXELS.convert(normalized, 4, n, pixels);
    assertThat(pixels).containsExactly(127.5f, 63.75f, (-3 * 0.5f + 0.5f) * 255, (5 * 0.25f + 0.25f) * 255);
  }

  @Test
  void keysAreTheConfigurationValues() {
    for (TeacherInput input : TeacherInput.values()) {
      assertThat(TeacherInput.fromKey(input.key())).isEqualTo(input);
    }
    assertThat(TeacherInput.PIXELS.key()).isEqualTo("pixels");
  }
}
