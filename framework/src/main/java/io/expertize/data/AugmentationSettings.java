package io.expertize.data;

import io.expertize.config.Keys;
import io.expertize.options.OptionsStyle;
import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;

/**
 * Training-time augmentation and target settings. Write them with {@link #builder()}, which starts at
 * the configuration's defaults ({@code aug.*}, {@code train.label-smoothing}), or take {@link #none()}
 * or {@link #deit(int)}; {@code build()} rejects a value outside its range, naming it:
 *
 * <pre>{@code
 * AugmentationSettings aug = AugmentationSettings.builder().cropPadding(2).hflip(true).mixupAlpha(0.8).build();
 * }</pre>
 */
@Value.Immutable
@OptionsStyle
public abstract class AugmentationSettings {

  /** {@code aug.crop-padding}: pixels of black padding before the random crop back to HxW; 0 = no crop. */
  @Value.Default
  public int cropPadding() {
    return Keys.AUG_CROP_PADDING.defaultValue();
  }

  /** {@code aug.hflip}: mirror left-right with probability 0.5. */
  @Value.Default
  public boolean hflip() {
    return Keys.AUG_HFLIP.defaultValue();
  }

  /** {@code aug.random-erasing}: per-image probability of random erasing, in [0, 1]. */
  @Value.Default
  public double randomErasingProb() {
    return Keys.AUG_RANDOM_ERASING.defaultValue();
  }

  /** {@code aug.mixup-alpha}: Beta(alpha, alpha) parameter of Mixup; 0 = off. */
  @Value.Default
  public double mixupAlpha() {
    return Keys.AUG_MIXUP_ALPHA.defaultValue();
  }

  /** {@code aug.cutmix-alpha}: Beta(alpha, alpha) parameter of CutMix; 0 = off. */
  @Value.Default
  public double cutmixAlpha() {
    return Keys.AUG_CUTMIX_ALPHA.defaultValue();
  }

  /** {@code aug.mix-prob}: probability that a batch is mixed at all, in [0, 1]. */
  @Value.Default
  public double mixProb() {
    return Keys.AUG_MIX_PROB.defaultValue();
  }

  /** {@code aug.switch-prob}: probability of CutMix rather than Mixup when both are on, in [0, 1]. */
  @Value.Default
  public double switchProb() {
    return Keys.AUG_SWITCH_PROB.defaultValue();
  }

  /** {@code train.label-smoothing}: label smoothing epsilon of the targets, in [0, 1). */
  @Value.Default
  public double labelSmoothing() {
    return Keys.TRAIN_LABEL_SMOOTHING.defaultValue();
  }

  @Value.Check
  void check() {
    if (cropPadding() < 0) {
      throw new IllegalArgumentException("cropPadding must be >= 0, got " + cropPadding());
    }
    probability("randomErasingProb", randomErasingProb());
    alpha("mixupAlpha", mixupAlpha());
    alpha("cutmixAlpha", cutmixAlpha());
    probability("mixProb", mixProb());
    probability("switchProb", switchProb());
    if (!(labelSmoothing() >= 0 && labelSmoothing() < 1)) {
      throw new IllegalArgumentException("labelSmoothing must be in [0, 1), got " + labelSmoothing());
    }
  }

  /** The configuration's defaults (no augmentation, label smoothing 0.1); set what differs. */
  public static Builder builder() {
    return new Builder();
  }

  /** No augmentation and plain one-hot targets (also what evaluation uses). */
  public static AugmentationSettings none() {
    return builder().cropPadding(0).hflip(false).randomErasingProb(0).mixupAlpha(0).cutmixAlpha(0).mixProb(1.0)
        .switchProb(0.5).labelSmoothing(0).build();
  }

  /** DeiT's recipe (hflip, erasing 0.25, Mixup 0.8, CutMix 1.0, smoothing 0.1) plus a crop. */
  public static AugmentationSettings deit(int cropPadding) {
    return builder().cropPadding(cropPadding).hflip(true).randomErasingProb(0.25).mixupAlpha(0.8).cutmixAlpha(1.0)
        .mixProb(1.0).switchProb(0.5).labelSmoothing(0.1).build();
  }

  /** The settings by name, each starting at its configuration key's default (named on each accessor). */
  public static final class Builder extends ImmutableAugmentationSettings.Builder {
    Builder() {}
  }

  /** True when Mixup or CutMix can change a batch. */
  public boolean mixes() {
    return (mixupAlpha() > 0 || cutmixAlpha() > 0) && mixProb() > 0;
  }

  /**
   * The augmentations in the order they run: crop, flip, erasing (per image, on normalised
   * pixels), then Mixup/CutMix (per batch). Disabled ones are left out.
   */
  public List<Augmentation> build(Normalization normalization) {
    List<Augmentation> list = new ArrayList<>();
    if (cropPadding() > 0) {
      list.add(new RandomCrop(cropPadding(), normalization));
    }
    if (hflip()) {
      list.add(new HorizontalFlip(0.5));
    }
    if (randomErasingProb() > 0) {
      list.add(new RandomErasing(randomErasingProb()));
    }
    if (mixes()) {
      list.add(new Mixup(mixupAlpha(), cutmixAlpha(), mixProb(), switchProb()));
    }
    return List.copyOf(list);
  }

  /** The target construction step. */
  public LabelSmoothing smoothing() {
    return new LabelSmoothing((float) labelSmoothing());
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
