package io.expertize.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ImageDatasetTest {

  @Test
  void byteAndFloatStorageNormaliseTheSame() {
    ImageShape shape = new ImageShape(2, 3, 2);
    byte[] bytes = new byte[2 * shape.size()];
    float[] floats = new float[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 37);
      floats[i] = (bytes[i] & 0xFF) / 255f;
    }
    int[] labels = {1, 0};
    Normalization norm = Normalization.of(new float[] {0.5f, 0.25f}, new float[] {0.2f, 0.4f});
    ImageDataset b = ImageDataset.ofBytes("b", shape, bytes, labels, 2);
    ImageDataset f = ImageDataset.ofFloats("f", shape, floats, labels, 2);
    float[] fromBytes = new float[shape.size()];
    float[] fromFloats = new float[shape.size()];
    b.copyNormalized(1, norm, b.lookupTable(norm), fromBytes, 0);
    f.copyNormalized(1, norm, null, fromFloats, 0);
    for (int i = 0; i < shape.size(); i++) {
      float expected = (floats[shape.size() + i] - norm.mean(i % 2)) / norm.std(i % 2);
      assertThat(fromBytes[i]).isCloseTo(expected, within(1e-5f));
      assertThat(fromFloats[i]).isCloseTo(expected, within(1e-5f));
    }
    assertThat(b.computeNormalization().mean(1))
        .isCloseTo(f.computeNormalization().mean(1), within(1e-6f));
    assertThat(b.computeNormalization().std(0))
        .isCloseTo(f.computeNormalization().std(0), within(1e-6f));
  }

  @Test
  void subsetKeepsTheFirstExamples() {
    ImageShape shape = new ImageShape(1, 2, 1);
    ImageDataset ds = ImageDataset.ofFloats(
        "d", shape, new float[] {0, .1f, .2f, .3f, .4f, .5f}, new int[] {2, 1, 0}, 3);
    ImageDataset sub = ds.subset(2);
    assertThat(sub.size()).isEqualTo(2);
    assertThat(sub.label(1)).isEqualTo(1);
    assertThat(sub.pixel(1, 1)).isEqualTo(.3f);
    assertThat(ds.subset(10)).isSameAs(ds);
  }

  @Test
  void rejectsInconsistentInput() {
    ImageShape shape = new ImageShape(2, 2, 1);
    assertThatThrownBy(() -> ImageDataset.ofBytes("d", shape, new byte[7], new int[2], 2))
        .hasMessageContaining("expected 2 images x 4 values = 8");
    assertThatThrownBy(() -> ImageDataset.ofBytes("d", shape, new byte[8], new int[] {0, 5}, 2))
        .hasMessageContaining("label 5 at index 1");
  }
}
