package io.expertize.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AugmentationSettingsTest {

  @Test
  void noneBuildsNothingAndPlainTargets() {
    AugmentationSettings none = AugmentationSettings.none();
    assertThat(none.build(Normalization.of(0.5f, 0.5f))).isEmpty();
    assertThat(none.smoothing().epsilon()).isZero();
    assertThat(none.mixes()).isFalse();
  }

  @Test
  void buildsTheEnabledAugmentationsInOrder() {
    assertThat(AugmentationSettings.deit(2).build(Normalization.of(0.5f, 0.5f)))
        .extracting(Augmentation::name)
        .containsExactly("random-crop", "horizontal-flip", "random-erasing", "mixup-cutmix");
  }

  @Test
  void invalidValuesNameTheFieldAndTheRange() {
    assertThatThrownBy(() -> new AugmentationSettings(-1, false, 0, 0, 0, 1, 0.5, 0))
        .hasMessageContaining("cropPadding must be >= 0, got -1");
    assertThatThrownBy(() -> new AugmentationSettings(0, false, 1.5, 0, 0, 1, 0.5, 0))
        .hasMessageContaining("randomErasingProb must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> new AugmentationSettings(0, false, 0, -0.1, 0, 1, 0.5, 0))
        .hasMessageContaining("mixupAlpha must be a finite value >= 0");
    assertThatThrownBy(() -> new AugmentationSettings(0, false, 0, 0, Double.NaN, 1, 0.5, 0))
        .hasMessageContaining("cutmixAlpha");
    assertThatThrownBy(() -> new AugmentationSettings(0, false, 0, 0, 0, 2, 0.5, 0))
        .hasMessageContaining("mixProb must be in [0, 1]");
    assertThatThrownBy(() -> new AugmentationSettings(0, false, 0, 0, 0, 1, -1, 0))
        .hasMessageContaining("switchProb must be in [0, 1]");
    assertThatThrownBy(() -> new AugmentationSettings(0, false, 0, 0, 0, 1, 0.5, 1))
        .hasMessageContaining("labelSmoothing must be in [0, 1), got 1.0");
  }
}
