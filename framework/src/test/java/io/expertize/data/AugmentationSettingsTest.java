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
  void theBuilderStartsAtTheConfigurationDefaults() {
    AugmentationSettings defaults = AugmentationSettings.builder().build();
    assertThat(defaults.build(Normalization.of(0.5f, 0.5f))).isEmpty();
    assertThat(defaults.labelSmoothing()).isEqualTo(0.1); // train.label-smoothing
    assertThat(AugmentationSettings.builder().labelSmoothing(0).build()).isEqualTo(AugmentationSettings.none());
  }

  @Test
  void invalidValuesNameTheFieldAndTheRange() {
    assertThatThrownBy(() -> AugmentationSettings.builder().cropPadding(-1).build())
        .hasMessageContaining("cropPadding must be >= 0, got -1");
    assertThatThrownBy(() -> AugmentationSettings.builder().randomErasingProb(1.5).build())
        .hasMessageContaining("randomErasingProb must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> AugmentationSettings.builder().mixupAlpha(-0.1).build())
        .hasMessageContaining("mixupAlpha must be a finite value >= 0");
    assertThatThrownBy(() -> AugmentationSettings.builder().cutmixAlpha(Double.NaN).build())
        .hasMessageContaining("cutmixAlpha");
    assertThatThrownBy(() -> AugmentationSettings.builder().mixProb(2).build())
        .hasMessageContaining("mixProb must be in [0, 1]");
    assertThatThrownBy(() -> AugmentationSettings.builder().switchProb(-1).build())
        .hasMessageContaining("switchProb must be in [0, 1]");
    assertThatThrownBy(() -> AugmentationSettings.builder().labelSmoothing(1).build())
        .hasMessageContaining("labelSmoothing must be in [0, 1), got 1.0");
  }
}
