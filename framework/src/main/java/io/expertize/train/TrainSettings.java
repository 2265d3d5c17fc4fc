package io.expertize.train;

import io.expertize.data.AugmentationSettings;

/**
 * Everything that shapes a training run except the model and the data: the schedule, the optimizer,
 * regularisation, and how often to log, evaluate and checkpoint. Built from the configuration.
 */
public record TrainSettings(
    long seed,
    int epochs,
    long maxSteps,
    int batchSize,
    double warmupEpochs,
    double gradClip,
    int logEvery,
    int evalEveryEpochs,
    int checkpointEvery,
    int keepCheckpoints,
    int evalBatchSize,
    double lr,
    double minLr,
    double weightDecay,
    double beta1,
    double beta2,
    double eps,
    AugmentationSettings augmentation) {

  /** Steps of the whole run: every epoch, cut at {@code maxSteps} when that is set. */
  public long totalSteps(int stepsPerEpoch) {
    long all = (long) epochs * stepsPerEpoch;
    return maxSteps > 0 ? Math.min(all, maxSteps) : all;
  }

  public LearningRateSchedule schedule(int stepsPerEpoch) {
    long total = totalSteps(stepsPerEpoch);
    long warmup = Math.min(Math.round(warmupEpochs * stepsPerEpoch), total);
    return new LearningRateSchedule(lr, minLr, warmup, total);
  }

  public AdamW optimizer() {
    return new AdamW(beta1, beta2, eps, weightDecay);
  }
}
