package io.expertize.zoo.pvt;

import io.expertize.nn.ImageClassifierSpec;
import io.expertize.zoo.ImageConfigBuilder;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Shape of a PVT v1, one list entry per stage (stage 1 first). Stage 1 embeds patches of
 * {@code patchSize}, every later stage 2x2 patches of the previous one; the last stage carries the
 * class token. The compact constructor names the constraint a bad combination breaks. Write one with
 * {@link #builder()}, which starts at the reference's four stages, or change a named one with
 * {@link #toBuilder()}:
 *
 * <pre>{@code
 * PvtConfig c = PvtConfig.builder().imageSize(28).patchSize(2).channels(1).numClasses(10).dims(List.of(64, 128))
 *     .heads(List.of(1, 2)).mlpRatios(List.of(8.0, 8.0)).srRatios(List.of(2, 1)).depths(List.of(2, 2)).build();
 * }</pre>
 */
public record PvtConfig(
    int imageSize, int patchSize, int channels, int numClasses,
    List<Integer> dims, List<Integer> heads, List<Double> mlpRatios, List<Integer> srRatios, List<Integer> depths,
    boolean qkvBias, double dropout, double dropPath) implements ImageClassifierSpec {

  /** The reference's stage count, and the number of {@code patch_embed1..4} slots of the model. */
  public static final int MAX_STAGES = 4;

  public PvtConfig {
    dims = List.copyOf(dims);
    heads = List.copyOf(heads);
    mlpRatios = List.copyOf(mlpRatios);
    srRatios = List.copyOf(srRatios);
    depths = List.copyOf(depths);
    int n = depths.size();
    require(n >= 1 && n <= MAX_STAGES, "PVT has 1 to " + MAX_STAGES + " stages, got depths " + depths);
    require(dims.size() == n && heads.size() == n && mlpRatios.size() == n && srRatios.size() == n,
        "every per-stage list needs " + n + " entries (depths " + depths + "): widths " + dims + ", heads " + heads
            + ", mlp ratios " + mlpRatios + ", spatial-reduction ratios " + srRatios);
    require(channels > 0, "channels must be positive, got " + channels);
    require(numClasses > 0, "number of classes must be positive, got " + numClasses);
    require(imageSize > 0 && patchSize > 0 && imageSize % patchSize == 0,
        "image size " + imageSize + " must be a positive multiple of the patch size " + patchSize);
    for (int i = 1; i < n; i++) { // first, so later checks see the real stage grids
      int before = grid(imageSize, patchSize, i - 1);
      require(before % 2 == 0, "stage " + (i + 1) + " embeds 2x2 patches, so stage " + i + "'s resolution must be "
          + "even; it is " + before + "x" + before + " (image " + imageSize + ", patch " + patchSize + ")");
    }
    for (int i = 0; i < n; i++) {
      String stage = "stage " + (i + 1);
      int grid = grid(imageSize, patchSize, i);
      require(depths.get(i) > 0, stage + " needs at least one block, got " + depths.get(i));
      require(heads.get(i) > 0 && dims.get(i) > 0 && dims.get(i) % heads.get(i) == 0,
          stage + " width " + dims.get(i) + " must be a positive multiple of its head count " + heads.get(i));
      require(mlpRatios.get(i) > 0, stage + " mlp ratio must be positive, got " + mlpRatios.get(i));
      require(srRatios.get(i) > 0 && grid % srRatios.get(i) == 0, stage + " resolution " + grid + "x" + grid
          + " must be a multiple of its spatial-reduction ratio " + srRatios.get(i));
    }
    require(srRatios.get(n - 1) == 1, "the last stage carries the class token, so its spatial-reduction ratio "
        + "must be 1, got " + srRatios.get(n - 1));
    require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
    require(dropPath >= 0 && dropPath < 1, "drop-path rate must be in [0, 1), got " + dropPath);
  }

  /** The reference's PVT v1 at 224x224, 1000 classes: patch 4, widths 64-512, reduction 8, 4, 2, 1. */
  public static PvtConfig imagenet(List<Integer> depths) {
    return builder().depths(depths).build();
  }

  /**
   * The reference's settings: 224x224 RGB, 1000 classes, patch 4, qkv bias, no dropout or drop path,
   * and its four stages' widths 64-128-320-512, heads 1-2-5-8, mlp ratios 8-8-4-4 and spatial-reduction
   * ratios 8-4-2-1 (a config with fewer stages sets these lists too). The depths have no default.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts at this config. */
  public Builder toBuilder() {
    return new Builder().imageSize(imageSize).patchSize(patchSize).channels(channels).numClasses(numClasses)
        .dims(dims).heads(heads).mlpRatios(mlpRatios).srRatios(srRatios).depths(depths).qkvBias(qkvBias)
        .dropout(dropout).dropPath(dropPath);
  }

  public int stages() {
    return depths.size();
  }

  /** Side of stage {@code i}'s token grid (0-based). */
  public int resolution(int stage) {
    return grid(imageSize, patchSize, stage);
  }

  /** Static, for the compact constructor: the record's fields are not assigned while it runs. */
  private static int grid(int imageSize, int patchSize, int stage) {
    return (imageSize / patchSize) >> stage;
  }

  /** Each stage's keys and values reduced to the last stage's grid: the reference's 8, 4, 2, 1 at 224. */
  public static List<Integer> reductionToLastStage(int imageSize, int patchSize, int stages) {
    int last = Math.max(1, grid(imageSize, patchSize, stages - 1));
    return IntStream.range(0, stages).mapToObj(i -> Math.max(1, grid(imageSize, patchSize, i) / last)).toList();
  }

  /** The fields of a {@link PvtConfig} by name; {@link #build()} validates them together. */
  public static final class Builder extends ImageConfigBuilder<Builder> {
    private List<Integer> dims = List.of(64, 128, 320, 512);
    private List<Integer> heads = List.of(1, 2, 5, 8);
    private List<Double> mlpRatios = List.of(8.0, 8.0, 4.0, 4.0);
    private List<Integer> srRatios = List.of(8, 4, 2, 1);
    private List<Integer> depths;

    private Builder() {
      super(4, 0.0);
    }

    /** Width per stage. */
    public Builder dims(List<Integer> dims) {
      this.dims = dims;
      return this;
    }

    /** Attention heads per stage. */
    public Builder heads(List<Integer> heads) {
      this.heads = heads;
      return this;
    }

    /** Feed-forward width / stage width, per stage. */
    public Builder mlpRatios(List<Double> mlpRatios) {
      this.mlpRatios = mlpRatios;
      return this;
    }

    /** Spatial-reduction ratio of keys and values per stage; the last must be 1. */
    public Builder srRatios(List<Integer> srRatios) {
      this.srRatios = srRatios;
      return this;
    }

    /** Blocks per stage; its length is the number of stages; no default. */
    public Builder depths(List<Integer> depths) {
      this.depths = depths;
      return this;
    }

    public PvtConfig build() {
      require(depths != null, "the blocks per stage (depths) have no default: set them");
      return new PvtConfig(imageSize, patchSize, channels, numClasses, dims, heads, mlpRatios, srRatios, depths,
          qkvBias, dropout, dropPath);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid PVT configuration: " + message);
    }
  }
}
