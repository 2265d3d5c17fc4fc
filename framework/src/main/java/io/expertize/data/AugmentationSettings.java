package io.expertize.data;

import io.expertize.config.Keys;
import java.util.ArrayList;
import java.util.List;

/**
 * Training-time augmentation and target settings. The compact constructor rejects values outside
 * their range with a message naming the field. Write them with {@link #builder()}, which starts at
 * the configuration's defaults ({@code aug.*}, {@code train.label-smoothing}), or take {@link #none()}
 * or {@link #deit(int)}:
 *
 * <pre>{@code
 * AugmentationSettings aug = AugmentationSettings.builder().cropPadding(2).hflip(true).mixupAlpha(0.8).build();
 * }</pre>
 *
 * @param cropPadding pixels of black padding before the random crop back to HxW; 0 = no crop
 * @param hflip mirror left-right with probability 0.5
 * @param randomErasingProb per-image probability of random erasing, in [0, 1]
 * @param mixupAlpha Beta(alpha, alpha) parameter of Mixup; 0 = off
 * @param cutmixAlpha Beta(alpha, alpha) parameter of CutMix; 0 = off
 * @param mixProb probability that a batch is mixed at all, in [0, 1]
 * @param switchProb probability of CutMix rather than Mixup when both are on, in [0, 1]
 * @param labelSmoothing label smoothing epsilon of the targets, in [0, 1)
 */
public record AugmentationSettings(
    int cropPadding,
    boolean hflip,
    double randomErasingProb,
    double mixupAlpha,
    double cutmixAlpha,
    double mixProb,
    double switchProb,
    double labelSmoothing) {

  public AugmentationSettings {
    if (cropPadding < 0) {
      throw new IllegalArgumentException("cropPadding must be >= 0, got " + cropPadding);
    }
    probability("randomErasingProb", randomErasingProb);
    alpha("mixupAlpha", mixupAlpha);
    alpha("cutmixAlpha", cutmixAlpha);
    probability("mixProb", mixProb);
    probability("switchProb", switchProb);
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new IllegalArgumentException(
          "labelSmoothing must be in [0, 1), got " + labelSmoothing);
    }
  }

  /** The configuration's defaults (no augmentation, label smoothing 0.1); set what differs. */
  public static Builder builder() {
    return new Builder();
  }

  /** No augmentation and plain one-hot targets (also what evaluation uses). */
  public static AugmentationSettings none() {
    return new AugmentationSettings(0, false, 0, 0, 0, 1.0, 0.5, 0);
  }

  /** DeiT's recipe (hflip, erasing 0.25, Mixup 0.8, CutMix 1.0, smoothing 0.1) plus a crop. */
  public static AugmentationSettings deit(int cropPadding) {
    return new AugmentationSettings(cropPadding, true, 0.25, 0.8, 1.0, 1.0, 0.5, 0.1);
  }

  /** True when Mixup or CutMix can change a batch. */
  public boolean mixes() {
    return (mixupAlpha > 0 || cutmixAlpha > 0) && mixProb > 0;
  }

  /**
   * The augmentations in the order they run: crop, flip, erasing (per image, on normalised
   * pixels), then Mixup/CutMix (per batch). Disabled ones are left out.
   */
  public List<Augmentation> build(Normalization normalization) {
    List<Augmentation> list = new ArrayList<>();
    if (cropPadding > 0) {
      list.add(new RandomCrop(cropPadding, normalization));
    }
    if (hflip) {
      list.add(new HorizontalFlip(0.5));
    }
    if (randomErasingProb > 0) {
      list.add(new RandomErasing(randomErasingProb));
    }
    if (mixes()) {
      list.add(new Mixup(mixupAlpha, cutmixAlpha, mixProb, switchProb));
    }
    return List.copyOf(list);
  }

  /** The target construction step. */
  public LabelSmoothing smoothing() {
    return new LabelSmoothing((float) labelSmoothing);
  }

  /** The settings by name, each starting at its configuration key's default (named beside each setter). */
  public static final class Builder {
    private int cropPadding = Keys.AUG_CROP_PADDING.defaultValue();
    private boolean hflip = Keys.AUG_HFLIP.defaultValue();
    private double randomErasingProb = Keys.AUG_RANDOM_ERASING.defaultValue();
    private double mixupAlpha = Keys.AUG_MIXUP_ALPHA.defaultValue();
    private double cutmixAlpha = Keys.AUG_CUTMIX_ALPHA.defaultValue();
    private double mixProb = Keys.AUG_MIX_PROB.defaultValue();
    private double switchProb = Keys.AUG_SWITCH_PROB.defaultValue();
    private double labelSmoothing = Keys.TRAIN_LABEL_SMOOTHING.defaultValue();

    private Builder() {}

    /** {@code aug.crop-padding}: pixels of padding before the random crop; 0 = no crop. */
    public Builder cropPadding(int pixels) {
      this.cropPadding = pixels;
      return this;
    }

    /** {@code aug.hflip}. */
    public Builder hflip(boolean hflip) {
      this.hflip = hflip;
      return this;
    }

    /** {@code aug.random-erasing}: per-image probability. */
    public Builder randomErasingProb(double probability) {
      this.randomErasingProb = probability;
      return this;
    }

    /** {@code aug.mixup-alpha}; 0 = off. */
    public Builder mixupAlpha(double alpha) {
      this.mixupAlpha = alpha;
      return this;
    }

    /** {@code aug.cutmix-alpha}; 0 = off. */
    public Builder cutmixAlpha(double alpha) {
      this.cutmixAlpha = alpha;
      return this;
    }

    /** {@code aug.mix-prob}: probability that a batch is mixed at all. */
    public Builder mixProb(double probability) {
      this.mixProb = probability;
      return this;
    }

    /** {@code aug.switch-prob}: probability of CutMix rather than Mixup when both are on. */
    public Builder switchProb(double probability) {
      this.switchProb = probability;
      return this;
    }

    /** {@code train.label-smoothing}. */
    public Builder labelSmoothing(double epsilon) {
      this.labelSmoothing = epsilon;
      return this;
    }

    public AugmentationSettings build() {
      return new AugmentationSettings(cropPadding, hflip, randomErasingProb, mixupAlpha, cutmixAlpha, mixProb,
          switchProb, labelSmoothing);
    }
  }

  private static void probability(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(field + " must be in [0, 1], got " + value);
    }
  }

  private static void alpha(String field, double value) {
    if (!(value >= 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(
          field + " must be a finite value >= 0 (0 turns it off), got " + value);
    }
  }
}
