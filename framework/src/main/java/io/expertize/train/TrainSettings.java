package io.expertize.train;

import io.expertize.config.Keys;
import io.expertize.data.AugmentationSettings;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Everything that shapes a training run except the model and the data: the schedule, the optimizer,
 * regularisation, and how often to log, evaluate and checkpoint. Made by {@link #builder()}, whose
 * defaults are those of the configuration keys ({@link Keys}), so a run from Java and a run from the
 * command line without settings agree:
 *
 * <pre>{@code
 * TrainSettings s = TrainSettings.builder().seed(7).epochs(2).batchSize(64).lr(1e-3).maxSteps(100).build();
 * }</pre>
 */
public final class TrainSettings {

  private final long seed;
  private final int epochs;
  private final OptionalLong maxSteps;
  private final int batchSize;
  private final double warmupEpochs;
  private final double gradClip;
  private final int logEvery;
  private final int evalEveryEpochs;
  private final OptionalInt checkpointEvery;
  private final int keepCheckpoints;
  private final int evalBatchSize;
  private final double lr;
  private final double minLr;
  private final double weightDecay;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final AugmentationSettings augmentation;

  private TrainSettings(Builder b) {
    seed = b.seed;
    epochs = b.epochs;
    maxSteps = b.maxSteps;
    batchSize = b.batchSize;
    warmupEpochs = b.warmupEpochs;
    gradClip = b.gradClip;
    logEvery = b.logEvery;
    evalEveryEpochs = b.evalEveryEpochs;
    checkpointEvery = b.checkpointEvery;
    keepCheckpoints = b.keepCheckpoints;
    evalBatchSize = b.evalBatchSize;
    lr = b.lr;
    minLr = b.minLr;
    weightDecay = b.weightDecay;
    beta1 = b.beta1;
    beta2 = b.beta2;
    eps = b.eps;
    augmentation = b.augmentation;
  }

  /** Settings with the configuration's defaults; set what differs. */
  public static Builder builder() {
    return new Builder();
  }

  /** Seed of initialisation, shuffling and augmentation. */
  public long seed() {
    return seed;
  }

  /** Passes over the training set. */
  public int epochs() {
    return epochs;
  }

  /** Where the run stops before its last epoch ends; empty runs every epoch. */
  public OptionalLong maxSteps() {
    return maxSteps;
  }

  public int batchSize() {
    return batchSize;
  }

  /** Linear learning-rate warm-up, in epochs. */
  public double warmupEpochs() {
    return warmupEpochs;
  }

  /** Bound of the global gradient norm; 0 does not clip. */
  public double gradClip() {
    return gradClip;
  }

  /** Steps between logged training metrics. */
  public int logEvery() {
    return logEvery;
  }

  public int evalEveryEpochs() {
    return evalEveryEpochs;
  }

  /** Steps between checkpoints besides those at every epoch's end and the run's; empty for none. */
  public OptionalInt checkpointEvery() {
    return checkpointEvery;
  }

  public int keepCheckpoints() {
    return keepCheckpoints;
  }

  public int evalBatchSize() {
    return evalBatchSize;
  }

  /** Peak learning rate, reached after warm-up. */
  public double lr() {
    return lr;
  }

  /** Learning rate at the end of the cosine decay. */
  public double minLr() {
    return minLr;
  }

  public double weightDecay() {
    return weightDecay;
  }

  public double beta1() {
    return beta1;
  }

  public double beta2() {
    return beta2;
  }

  public double eps() {
    return eps;
  }

  public AugmentationSettings augmentation() {
    return augmentation;
  }

  /** Steps of the whole run: every epoch, cut at {@code maxSteps} when that is set. */
  public long totalSteps(int stepsPerEpoch) {
    long all = (long) epochs * stepsPerEpoch;
    return maxSteps.isPresent() ? Math.min(all, maxSteps.getAsLong()) : all;
  }

  public LearningRateSchedule schedule(int stepsPerEpoch) {
    long total = totalSteps(stepsPerEpoch);
    long warmup = Math.min(Math.round(warmupEpochs * stepsPerEpoch), total);
    return new LearningRateSchedule(lr, minLr, warmup, total);
  }

  public AdamW optimizer() {
    return new AdamW(beta1, beta2, eps, weightDecay);
  }

  @Override
  public String toString() {
    return "TrainSettings[seed=" + seed + ", epochs=" + epochs + ", maxSteps=" + maxSteps + ", batchSize=" + batchSize
        + ", warmupEpochs=" + warmupEpochs + ", gradClip=" + gradClip + ", logEvery=" + logEvery
        + ", evalEveryEpochs=" + evalEveryEpochs + ", checkpointEvery=" + checkpointEvery + ", keepCheckpoints="
        + keepCheckpoints + ", evalBatchSize=" + evalBatchSize + ", lr=" + lr + ", minLr=" + minLr + ", weightDecay="
        + weightDecay + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps + ", augmentation=" + augmentation
        + "]";
  }

  /**
   * Named settings, each starting at its configuration key's default (the key named beside each
   * setter). Values are taken as given; the configuration checks ranges for runs it builds.
   */
  public static final class Builder {
    private long seed = Keys.SEED.defaultValue();
    private int epochs = Keys.TRAIN_EPOCHS.defaultValue();
    private OptionalLong maxSteps = OptionalLong.empty(); // train.steps' default, 0, is no limit
    private int batchSize = Keys.TRAIN_BATCH_SIZE.defaultValue();
    private double warmupEpochs = Keys.TRAIN_WARMUP_EPOCHS.defaultValue();
    private double gradClip = Keys.TRAIN_GRAD_CLIP.defaultValue();
    private int logEvery = Keys.TRAIN_LOG_EVERY.defaultValue();
    private int evalEveryEpochs = Keys.TRAIN_EVAL_EVERY_EPOCHS.defaultValue();
    private OptionalInt checkpointEvery = OptionalInt.empty(); // train.checkpoint-every's default, 0, is none
    private int keepCheckpoints = Keys.TRAIN_KEEP_CHECKPOINTS.defaultValue();
    private int evalBatchSize = Keys.EVAL_BATCH_SIZE.defaultValue();
    private double lr = Keys.OPTIM_LR.defaultValue();
    private double minLr = Keys.OPTIM_MIN_LR.defaultValue();
    private double weightDecay = Keys.OPTIM_WEIGHT_DECAY.defaultValue();
    private double beta1 = Keys.OPTIM_BETA1.defaultValue();
    private double beta2 = Keys.OPTIM_BETA2.defaultValue();
    private double eps = Keys.OPTIM_EPS.defaultValue();
    private AugmentationSettings augmentation = AugmentationSettings.builder().build();

    private Builder() {}

    /** {@code seed}. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** {@code train.epochs}. */
    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /** {@code train.steps}: stop after this many optimiser steps, at most; see {@link #unlimitedSteps()}. */
    public Builder maxSteps(long steps) {
      if (steps < 1) {
        throw new IllegalArgumentException("maxSteps must be >= 1, got " + steps + "; unlimitedSteps() runs every epoch");
      }
      this.maxSteps = OptionalLong.of(steps);
      return this;
    }

    /** Runs every epoch to its end (the default). */
    public Builder unlimitedSteps() {
      this.maxSteps = OptionalLong.empty();
      return this;
    }

    /** {@code train.batch-size}. */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** {@code train.warmup-epochs}; fractions allowed. */
    public Builder warmupEpochs(double warmupEpochs) {
      this.warmupEpochs = warmupEpochs;
      return this;
    }

    /** {@code train.grad-clip}: bound of the global gradient norm; see {@link #noGradClip()}. */
    public Builder gradClip(double maxNorm) {
      if (!(maxNorm > 0)) {
        throw new IllegalArgumentException("gradClip must be > 0, got " + maxNorm + "; noGradClip() turns it off");
      }
      this.gradClip = maxNorm;
      return this;
    }

    /** Leaves gradients unclipped. */
    public Builder noGradClip() {
      this.gradClip = 0;
      return this;
    }

    /** {@code train.log-every}. */
    public Builder logEvery(int steps) {
      this.logEvery = steps;
      return this;
    }

    /** {@code train.eval-every-epochs}. */
    public Builder evalEveryEpochs(int epochs) {
      this.evalEveryEpochs = epochs;
      return this;
    }

    /**
     * {@code train.checkpoint-every}: also checkpoint every this many steps, besides each epoch's end
     * and the run's; see {@link #epochCheckpointsOnly()}.
     */
    public Builder checkpointEvery(int steps) {
      if (steps < 1) {
        throw new IllegalArgumentException(
            "checkpointEvery must be >= 1, got " + steps + "; epochCheckpointsOnly() saves at epoch ends only");
      }
      this.checkpointEvery = OptionalInt.of(steps);
      return this;
    }

    /** Checkpoints at each epoch's end and the run's only (the default). */
    public Builder epochCheckpointsOnly() {
      this.checkpointEvery = OptionalInt.empty();
      return this;
    }

    /** {@code train.keep-checkpoints}. */
    public Builder keepCheckpoints(int count) {
      this.keepCheckpoints = count;
      return this;
    }

    /** {@code eval.batch-size}. */
    public Builder evalBatchSize(int evalBatchSize) {
      this.evalBatchSize = evalBatchSize;
      return this;
    }

    /** {@code optim.lr}. */
    public Builder lr(double lr) {
      this.lr = lr;
      return this;
    }

    /** {@code optim.min-lr}. */
    public Builder minLr(double minLr) {
      this.minLr = minLr;
      return this;
    }

    /** {@code optim.weight-decay}. */
    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /** {@code optim.beta1}. */
    public Builder beta1(double beta1) {
      this.beta1 = beta1;
      return this;
    }

    /** {@code optim.beta2}. */
    public Builder beta2(double beta2) {
      this.beta2 = beta2;
      return this;
    }

    /** {@code optim.eps}. */
    public Builder eps(double eps) {
      this.eps = eps;
      return this;
    }

    /** The {@code aug.*} keys and {@code train.label-smoothing}. */
    public Builder augmentation(AugmentationSettings augmentation) {
      this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
      return this;
    }

    public TrainSettings build() {
      return new TrainSettings(this);
    }
  }
}
