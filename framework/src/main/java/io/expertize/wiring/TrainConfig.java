package io.expertize.wiring;

import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.data.AugmentationSettings;
import io.expertize.train.TrainSettings;

/**
 * The {@code train.*}, {@code eval.*}, {@code optim.*} and {@code aug.*} keys read into {@link TrainSettings}.
 * The keys write "none" as 0 (a file needs a value); the settings say it by name.
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
    long steps = c.get(Keys.TRAIN_STEPS);
    if (steps > 0) {
      b.maxSteps(steps);
    }
    int checkpointEvery = c.get(Keys.TRAIN_CHECKPOINT_EVERY);
    if (checkpointEvery > 0) {
      b.checkpointEvery(checkpointEvery);
    }
    return b.gradClip(c.get(Keys.TRAIN_GRAD_CLIP)).build(); // 0: no clipping, as noGradClip()
  }

  static AugmentationSettings augmentation(ExpertizeConfig c) {
    return AugmentationSettings.builder().cropPadding(c.get(Keys.AUG_CROP_PADDING)).hflip(c.get(Keys.AUG_HFLIP))
        .randomErasingProb(c.get(Keys.AUG_RANDOM_ERASING)).mixupAlpha(c.get(Keys.AUG_MIXUP_ALPHA))
        .cutmixAlpha(c.get(Keys.AUG_CUTMIX_ALPHA)).mixProb(c.get(Keys.AUG_MIX_PROB))
        .switchProb(c.get(Keys.AUG_SWITCH_PROB)).labelSmoothing(c.get(Keys.TRAIN_LABEL_SMOOTHING)).build();
  }
}
