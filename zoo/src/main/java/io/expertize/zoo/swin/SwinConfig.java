package io.expertize.zoo.swin;

import io.expertize.nn.ImageClassifierSpec;
import io.expertize.zoo.ImageConfigBuilder;
import java.util.List;

/**
 * Shape of a Swin Transformer, one list entry per stage. Stage i has width {@code embedDim * 2^i}
 * and a grid of {@code imageSize / patchSize / 2^i}; its window is {@code windowSize}, or the whole
 * grid where that is smaller, and odd blocks shift it by half a window (not where it covers the
 * grid). The compact constructor names the constraint a bad combination breaks. Write one with
 * {@link #builder()}, which starts at timm's reference, or change a named one with {@link #toBuilder()}:
 *
 * <pre>{@code
 * SwinConfig c = SwinConfig.builder().imageSize(28).patchSize(2).channels(1).numClasses(10)
 *     .embedDim(64).depths(List.of(2, 2)).heads(List.of(2, 4)).dropPath(0.0).build();
 * }</pre>
 */
public record SwinConfig(
    int imageSize, int patchSize, int channels, int numClasses,
    int embedDim, List<Integer> depths, List<Integer> heads, int windowSize, double mlpRatio,
    boolean qkvBias, double dropout, double dropPath) implements ImageClassifierSpec {

  public SwinConfig {
    depths = List.copyOf(depths);
    heads = List.copyOf(heads);
    int n = depths.size();
    require(n >= 1 && heads.size() == n, "depths " + depths + " and heads " + heads + " need one entry per stage each");
    require(channels > 0, "channels must be positive, got " + channels);
    require(numClasses > 0, "number of classes must be positive, got " + numClasses);
    require(imageSize > 0 && patchSize > 0 && imageSize % patchSize == 0,
        "image size " + imageSize + " must be a positive multiple of the patch size " + patchSize);
    require(windowSize > 0, "window size must be positive, got " + windowSize);
    require(embedDim > 0, "embedding width must be positive, got " + embedDim);
    for (int i = 1; i < n; i++) { // first, so later checks see the real stage grids
      int before = grid(imageSize, patchSize, i - 1);
      require(before % 2 == 0, "patch merging after stage " + i + " halves the grid, so its resolution must be even; it is "
          + before + "x" + before + " (image " + imageSize + ", patch " + patchSize + ")");
    }
    for (int i = 0; i < n; i++) {
      String stage = "stage " + (i + 1);
      int width = embedDim << i;
      int grid = grid(imageSize, patchSize, i);
      require(depths.get(i) > 0, stage + " needs at least one block, got " + depths.get(i));
      require(heads.get(i) > 0 && width % heads.get(i) == 0,
          stage + " width " + width + " must be a multiple of its head count " + heads.get(i));
      require(grid <= windowSize || grid % windowSize == 0, stage + " resolution " + grid + "x" + grid
          + " must be a multiple of the window size " + windowSize + " (or at most the window, which then covers it)");
    }
    require(mlpRatio > 0, "mlp ratio must be positive, got " + mlpRatio);
    require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
    require(dropPath >= 0 && dropPath < 1, "drop-path rate must be in [0, 1), got " + dropPath);
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
    return new Builder().imageSize(imageSize).patchSize(patchSize).channels(channels).numClasses(numClasses)
        .embedDim(embedDim).depths(depths).heads(heads).windowSize(windowSize).mlpRatio(mlpRatio).qkvBias(qkvBias)
        .dropout(dropout).dropPath(dropPath);
  }

  public int stages() {
    return depths.size();
  }

  /** Side of stage {@code i}'s token grid (0-based). */
  public int resolution(int stage) {
    return grid(imageSize, patchSize, stage);
  }

  public int width(int stage) {
    return embedDim << stage;
  }

  /** timm: a window as large as the grid covers it, and then nothing shifts. */
  public int window(int stage) {
    return Math.min(windowSize, resolution(stage));
  }

  /** Half a window on odd blocks, 0 on even ones and where the window covers the grid. */
  public int shift(int stage, int block) {
    return block % 2 == 1 && resolution(stage) > windowSize ? windowSize / 2 : 0;
  }

  /** Static, for the compact constructor: the record's fields are not assigned while it runs. */
  private static int grid(int imageSize, int patchSize, int stage) {
    return (imageSize / patchSize) >> stage;
  }

  /** The fields of a {@link SwinConfig} by name; {@link #build()} validates them together. */
  public static final class Builder extends ImageConfigBuilder<Builder> {
    private Integer embedDim;
    private List<Integer> depths;
    private List<Integer> heads;
    private int windowSize = 7;
    private double mlpRatio = 4.0;

    private Builder() {
      super(4, 0.1);
    }

    /** Width of the first stage (later stages double it); no default. */
    public Builder embedDim(int embedDim) {
      this.embedDim = embedDim;
      return this;
    }

    /** Blocks per stage; its length is the number of stages; no default. */
    public Builder depths(List<Integer> depths) {
      this.depths = depths;
      return this;
    }

    /** Attention heads per stage; no default. */
    public Builder heads(List<Integer> heads) {
      this.heads = heads;
      return this;
    }

    public Builder windowSize(int windowSize) {
      this.windowSize = windowSize;
      return this;
    }

    public Builder mlpRatio(double mlpRatio) {
      this.mlpRatio = mlpRatio;
      return this;
    }

    public SwinConfig build() {
      require(embedDim != null, "the width (embedDim) has no default: set it");
      require(depths != null, "the blocks per stage (depths) have no default: set them");
      require(heads != null, "the heads per stage (heads) have no default: set them");
      return new SwinConfig(imageSize, patchSize, channels, numClasses, embedDim, depths, heads, windowSize, mlpRatio,
          qkvBias, dropout, dropPath);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid Swin configuration: " + message);
    }
  }
}
