package io.expertize.zoo.swin;

import io.expertize.options.OptionsStyle;
import io.expertize.zoo.ImageConfig;
import java.util.List;
import org.immutables.value.Value;

/**
 * Shape of a Swin Transformer, one list entry per stage. Stage i has width {@code embedDim * 2^i}
 * and a grid of {@code imageSize / patchSize / 2^i}; its window is {@code windowSize}, or the whole
 * grid where that is smaller, and odd blocks shift it by half a window (not where it covers the
 * grid). Write one with {@link #builder()}, which starts at timm's reference, or change a named one
 * with {@link #toBuilder()}; {@code build()} names the constraint a bad combination breaks:
 *
 * <pre>{@code
 * SwinConfig c = SwinConfig.builder().imageSize(28).patchSize(2).channels(1).numClasses(10)
 *     .embedDim(64).depths(List.of(2, 2)).heads(List.of(2, 4)).dropPath(0.0).build();
 * }</pre>
 */
@Value.Immutable
@OptionsStyle
public abstract class SwinConfig extends ImageConfig {

  @Override
  @Value.Default
  public int patchSize() {
    return 4;
  }

  /** Width of the first stage (later stages double it); no default. */
  public abstract int embedDim();

  /** Blocks per stage; its length is the number of stages; no default. */
  public abstract List<Integer> depths();

  /** Attention heads per stage; no default. */
  public abstract List<Integer> heads();

  @Value.Default
  public int windowSize() {
    return 7;
  }

  @Value.Default
  public double mlpRatio() {
    return 4.0;
  }

  @Override
  @Value.Default
  public double dropPath() {
    return 0.1;
  }

  @Value.Check
  void check() {
    int n = depths().size();
    require("Swin", n >= 1 && heads().size() == n,
        "depths " + depths() + " and heads " + heads() + " need one entry per stage each (the blocks per stage, depths, "
            + "have no default)");
    checkInput("Swin");
    require("Swin", windowSize() > 0, "window size must be positive, got " + windowSize());
    require("Swin", embedDim() > 0, "embedding width must be positive, got " + embedDim());
    for (int i = 1; i < n; i++) { // first, so later checks see the real stage grids
      int before = resolution(i - 1);
      require("Swin", before % 2 == 0, "patch merging after stage " + i + " halves the grid, so its resolution must be "
          + "even; it is " + before + "x" + before + " (image " + imageSize() + ", patch " + patchSize() + ")");
    }
    for (int i = 0; i < n; i++) {
      String stage = "stage " + (i + 1);
      int grid = resolution(i);
      require("Swin", depths().get(i) > 0, stage + " needs at least one block, got " + depths().get(i));
      require("Swin", heads().get(i) > 0 && width(i) % heads().get(i) == 0,
          stage + " width " + width(i) + " must be a multiple of its head count " + heads().get(i));
      require("Swin", grid <= windowSize() || grid % windowSize() == 0, stage + " resolution " + grid + "x" + grid
          + " must be a multiple of the window size " + windowSize() + " (or at most the window, which then covers it)");
    }
    require("Swin", mlpRatio() > 0, "mlp ratio must be positive, got " + mlpRatio());
  }

  /** timm's Swin at 224x224, 1000 classes: patch 4, window 7, mlp ratio 4, drop path 0.1. */
  public static SwinConfig imagenet(int embedDim, List<Integer> depths, List<Integer> heads) {
    return builder().embedDim(embedDim).depths(depths).heads(heads).build();
  }

  /**
   * timm's reference settings (224x224 RGB, 1000 classes, patch 4, window 7, mlp ratio 4, qkv bias, no
   * dropout, drop path 0.1); the width, depths and heads have no default and must be set.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts at this config. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  public int stages() {
    return depths().size();
  }

  /** Side of stage {@code i}'s token grid (0-based). */
  public int resolution(int stage) {
    return (imageSize() / patchSize()) >> stage;
  }

  public int width(int stage) {
    return embedDim() << stage;
  }

  /** timm: a window as large as the grid covers it, and then nothing shifts. */
  public int window(int stage) {
    return Math.min(windowSize(), resolution(stage));
  }

  /** Half a window on odd blocks, 0 on even ones and where the window covers the grid. */
  public int shift(int stage, int block) {
    return block % 2 == 1 && resolution(stage) > windowSize() ? windowSize() / 2 : 0;
  }

  /** The fields of a {@link SwinConfig} by name; {@code build()} validates them together. */
  public static final class Builder extends ImmutableSwinConfig.Builder {
    Builder() {}
  }
}
