package io.expertize.zoo.pvt;

import io.expertize.nn.ImageClassifierSpec;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Shape of a PVT v1, one list entry per stage (stage 1 first). Stage 1 embeds patches of
 * {@code patchSize}, every later stage 2x2 patches of the previous one; the last stage carries the
 * class token. The compact constructor names the constraint a bad combination breaks.
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
    return new PvtConfig(224, 4, 3, 1000, List.of(64, 128, 320, 512), List.of(1, 2, 5, 8), List.of(8.0, 8.0, 4.0, 4.0),
        List.of(8, 4, 2, 1), depths, true, 0.0, 0.0);
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

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid PVT configuration: " + message);
    }
  }
}
