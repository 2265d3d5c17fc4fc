package io.expertize.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.config.ConfigLoader;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainSettingsTest {

  @Test
  void theBuilderStartsAtTheConfigurationDefaults() {
    TrainSettings s = TrainSettings.builder().build();
    ExpertizeConfig defaults = ConfigLoader.create().load(List.of());
    assertThat(s.seed()).isEqualTo(defaults.get(Keys.SEED));
    assertThat(s.epochs()).isEqualTo(defaults.get(Keys.TRAIN_EPOCHS));
    assertThat(s.batchSize()).isEqualTo(defaults.get(Keys.TRAIN_BATCH_SIZE));
    assertThat(s.lr()).isEqualTo(defaults.get(Keys.OPTIM_LR));
    assertThat(s.gradClip()).hasValue(defaults.get(Keys.TRAIN_GRAD_CLIP).orElseThrow());
    assertThat(s.augmentation().labelSmoothing()).isEqualTo(defaults.get(Keys.TRAIN_LABEL_SMOOTHING));
    assertThat(s.maxSteps()).isEmpty();
    assertThat(s.checkpointEvery()).isEmpty();
  }

  @Test
  void maxStepsCutsTheRunAndUnlimitedStepsRunsEveryEpoch() {
    TrainSettings.Builder b = TrainSettings.builder().epochs(3).maxSteps(5);
    assertThat(b.build().totalSteps(4)).isEqualTo(5);
    assertThat(b.maxSteps(100).build().totalSteps(4)).isEqualTo(12);
    assertThat(b.unlimitedSteps().build().totalSteps(4)).isEqualTo(12);
  }

  @Test
  void unsetIsSaidByNameNotByZero() {
    assertThatThrownBy(() -> TrainSettings.builder().maxSteps(0).build()).hasMessageContaining("unlimitedSteps()");
    assertThatThrownBy(() -> TrainSettings.builder().checkpointEvery(0).build()).hasMessageContaining("epochCheckpointsOnly()");
    assertThatThrownBy(() -> TrainSettings.builder().gradClip(0).build()).hasMessageContaining("noGradClip()");
    assertThat(TrainSettings.builder().noGradClip().build().gradClip()).isEmpty();
    assertThat(TrainSettings.builder().checkpointEvery(5).epochCheckpointsOnly().build().checkpointEvery()).isEmpty();
  }
}
