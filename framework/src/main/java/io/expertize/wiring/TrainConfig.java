package io.expertize.wiring;

import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.data.AugmentationSettings;
import io.expertize.train.TrainSettings;

/**
 * The {@code train.*}, {@code eval.*}, {@code optim.*} and {@code aug.*} keys read into {@link TrainSettings}.
 * A key left at its word for none ({@code train.steps: epochs}, {@code train.grad-clip: off}) leaves the
 * settings' optional empty.
 */
final class TrainConfig {
  private TrainConfig() {}

  static TrainSettings settings(ExpertizeConfig c) {
    TrainSettings.Builder b = TrainSettings.builder()
        .seed(c.get(Keys.SEED)).epochs(c.get(Keys.TRAIN_EPOCHS)).batchSize(c.get(Keys.TRAIN_BATCH_SIZE))
        .warmupEpochs(c.get(Keys.TRAIN_WARMUP_EPOCHS)).logEvery(c.get(Keys.TRAIN_LOG_EVERY))
        .evalEveryEpochs(c.get(Keys.TRAIN_EVAL_EVERY_EPOCHS)).keepCheckpoints(c.get(Keys.TRAIN_KEEP_CHECKPOINTS))
        .evalBatchSize(c.get(Keys.EVAL_BATCH_SIZE)).lr(c.get(Keys.OPTIM_LR)).minLr(c.get(Keys.OPTIM_MIN_LR))
        .weightDecay(c.get(Keys.OPTIM_WEIGHT_DECAY)).beta1(c.get(Keys.OPTIM_BETA1)).beta2(c.get(Keys.OPTIM_BETA2))
        .eps(c.get(Keys.OPTIM_EPS)).augmentation(augmentation(c));
    c.get(Keys.TRAIN_STEPS).ifPresent(b::maxSteps);
    c.get(Keys.TRAIN_CHECKPOINT_EVERY).ifPresent(b::checkpointEvery);
    c.get(Keys.TRAIN_GRAD_CLIP).ifPresentOrElse(b::gradClip, b::noGradClip);
    return b.build();
  }

  static AugmentationSettings augmentation(ExpertizeConfig c) {
    return AugmentationSettings.builder().cropPadding(c.get(Keys.AUG_CROP_PADDING)).hflip(c.get(Keys.AUG_HFLIP))
        .randomErasingProb(c.get(Keys.AUG_RANDOM_ERASING)).mixupAlpha(c.get(Keys.AUG_MIXUP_ALPHA))
        .cutmixAlpha(c.get(Keys.AUG_CUTMIX_ALPHA)).mixProb(c.get(Keys.AUG_MIX_PROB))
        .switchProb(c.get(Keys.AUG_SWITCH_PROB)).labelSmoothing(c.get(Keys.TRAIN_LABEL_SMOOTHING)).build();
  }
}
