package io.expertize.train;

import io.expertize.config.Keys;
import io.expertize.data.AugmentationSettings;
import io.expertize.options.OptionsStyle;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * Everything that shapes a training run except the model and the data: the schedule, the optimizer,
 * regularisation, and how often to log, evaluate and checkpoint. Made by {@link #builder()}, whose
 * defaults are those of the configuration keys ({@link Keys}, named on each accessor), so a run from
 * Java and a run from the command line without settings agree; {@code build()} rejects an unset
 * written as a number, naming what says it:
 *
 * <pre>{@code
 * TrainSettings s = TrainSettings.builder().seed(7).epochs(2).batchSize(64).lr(1e-3).maxSteps(100).build();
 * }</pre>
 */
@Value.Immutable
@OptionsStyle
public abstract class TrainSettings {

  /** Seed of initialisation, shuffling and augmentation ({@code seed}). */
  @Value.Default
  public long seed() {
    return Keys.SEED.defaultValue();
  }

  /** Passes over the training set ({@code train.epochs}). */
  @Value.Default
  public int epochs() {
    return Keys.TRAIN_EPOCHS.defaultValue();
  }

  /** Images or sequences per optimiser step ({@code train.batch-size}). */
  @Value.Default
  public int batchSize() {
    return Keys.TRAIN_BATCH_SIZE.defaultValue();
  }

  /** Linear learning-rate warm-up, in epochs; fractions allowed ({@code train.warmup-epochs}). */
  @Value.Default
  public double warmupEpochs() {
    return Keys.TRAIN_WARMUP_EPOCHS.defaultValue();
  }

  /** Bound of the global gradient norm ({@code train.grad-clip}); empty after {@link Builder#noGradClip()}, which does not clip. */
  @Value.Default
  public OptionalDouble gradClip() {
    return Keys.TRAIN_GRAD_CLIP.defaultValue().map(OptionalDouble::of).orElse(OptionalDouble.empty());
  }

  /** Steps between logged training metrics ({@code train.log-every}). */
  @Value.Default
  public int logEvery() {
    return Keys.TRAIN_LOG_EVERY.defaultValue();
  }

  /** Epochs between evaluations on the test split ({@code train.eval-every-epochs}). */
  @Value.Default
  public int evalEveryEpochs() {
    return Keys.TRAIN_EVAL_EVERY_EPOCHS.defaultValue();
  }

  /** Checkpoints kept, newest first ({@code train.keep-checkpoints}). */
  @Value.Default
  public int keepCheckpoints() {
    return Keys.TRAIN_KEEP_CHECKPOINTS.defaultValue();
  }

  /** Examples per evaluation batch ({@code eval.batch-size}). */
  @Value.Default
  public int evalBatchSize() {
    return Keys.EVAL_BATCH_SIZE.defaultValue();
  }

  /** Peak learning rate, reached after warm-up ({@code optim.lr}). */
  @Value.Default
  public double lr() {
    return Keys.OPTIM_LR.defaultValue();
  }

  /** Learning rate at the end of the cosine decay ({@code optim.min-lr}). */
  @Value.Default
  public double minLr() {
    return Keys.OPTIM_MIN_LR.defaultValue();
  }

  /** AdamW's decoupled weight decay ({@code optim.weight-decay}). */
  @Value.Default
  public double weightDecay() {
    return Keys.OPTIM_WEIGHT_DECAY.defaultValue();
  }

  /** Adam's first-moment decay ({@code optim.beta1}). */
  @Value.Default
  public double beta1() {
    return Keys.OPTIM_BETA1.defaultValue();
  }

  /** Adam's second-moment decay ({@code optim.beta2}). */
  @Value.Default
  public double beta2() {
    return Keys.OPTIM_BETA2.defaultValue();
  }

  /** Adam's epsilon ({@code optim.eps}). */
  @Value.Default
  public double eps() {
    return Keys.OPTIM_EPS.defaultValue();
  }
  /** Where the run stops before its last epoch ends ({@code train.steps}); empty runs every epoch. */
  public abstract OptionalLong maxSteps();

  /**
   * Steps between checkpoints besides those at every epoch's end and the run's
   * ({@code train.checkpoint-every}); empty for none.
   */
  public abstract OptionalInt checkpointEvery();

  /** The {@code aug.*} keys and {@code train.label-smoothing}. */
  @Value.Default
  public AugmentationSettings augmentation() {
    return AugmentationSettings.builder().build();
  }

  @Value.Check
  void check() {
    if (maxSteps().isPresent() && maxSteps().getAsLong() < 1) {
      throw new IllegalArgumentException(
          "maxSteps must be >= 1, got " + maxSteps().getAsLong() + "; unlimitedSteps() runs every epoch");
    }
    if (checkpointEvery().isPresent() && checkpointEvery().getAsInt() < 1) {
      throw new IllegalArgumentException("checkpointEvery must be >= 1, got " + checkpointEvery().getAsInt()
          + "; epochCheckpointsOnly() saves at epoch ends only");
    }
    if (gradClip().isPresent() && !(gradClip().getAsDouble() > 0 && Double.isFinite(gradClip().getAsDouble()))) {
      throw new IllegalArgumentException("gradClip must be finite and > 0, got " + gradClip().getAsDouble()
          + "; noGradClip() turns clipping off");
    }
  }

  /** Settings with the configuration's defaults; set what differs. */
  public static Builder builder() {
    return new Builder();
  }

  /** Steps of the whole run: every epoch, cut at {@code maxSteps} when that is set. */
  public long totalSteps(int stepsPerEpoch) {
    long all = (long) epochs() * stepsPerEpoch;
    return maxSteps().isPresent() ? Math.min(all, maxSteps().getAsLong()) : all;
  }

  public LearningRateSchedule schedule(int stepsPerEpoch) {
    long total = totalSteps(stepsPerEpoch);
    long warmup = Math.min(Math.round(warmupEpochs() * stepsPerEpoch), total);
    return new LearningRateSchedule(lr(), minLr(), warmup, total);
  }

  public AdamW optimizer() {
    return new AdamW(beta1(), beta2(), eps(), weightDecay());
  }

  /** Named settings: a setter per accessor, and the unset states by name. */
  public static final class Builder extends ImmutableTrainSettings.Builder {
    Builder() {}

    /** Runs every epoch to its end (the default). */
    public Builder unlimitedSteps() {
      return maxSteps(OptionalLong.empty());
    }

    /** Leaves gradients unclipped. */
    public Builder noGradClip() {
      return gradClip(OptionalDouble.empty());
    }

    /** Checkpoints at each epoch's end and the run's only (the default). */
    public Builder epochCheckpointsOnly() {
      return checkpointEvery(OptionalInt.empty());
    }
  }
}
