package io.expertize.zoo.pvt;

import io.expertize.options.OptionsStyle;
import io.expertize.zoo.ImageConfig;
import java.util.List;
import java.util.stream.IntStream;
import org.immutables.value.Value;

/**
 * Shape of a PVT v1, one list entry per stage (stage 1 first). Stage 1 embeds patches of
 * {@code patchSize}, every later stage 2x2 patches of the previous one; the last stage carries the
 * class token. Write one with {@link #builder()}, which starts at the reference's four stages, or
 * change a named one with {@link #toBuilder()}; {@code build()} names the constraint a bad
 * combination breaks:
 *
 * <pre>{@code
 * PvtConfig c = PvtConfig.builder().imageSize(28).patchSize(2).channels(1).numClasses(10).dims(List.of(64, 128))
 *     .heads(List.of(1, 2)).mlpRatios(List.of(8.0, 8.0)).srRatios(List.of(2, 1)).depths(List.of(2, 2)).build();
 * }</pre>
 */
@Value.Immutable
@OptionsStyle
public abstract class PvtConfig extends ImageConfig {

  /** The reference's stage count, and the number of {@code patch_embed1..4} slots of the model. */
  public static final int MAX_STAGES = 4;

  @Override
  @Value.Default
  public int patchSize() {
    return 4;
  }

  /** Width per stage. */
  @Value.Default
  public List<Integer> dims() {
    return List.of(64, 128, 320, 512);
  }

  /** Attention heads per stage. */
  @Value.Default
  public List<Integer> heads() {
    return List.of(1, 2, 5, 8);
  }

  /** Feed-forward width / stage width, per stage. */
  @Value.Default
  public List<Double> mlpRatios() {
    return List.of(8.0, 8.0, 4.0, 4.0);
  }

  /** Spatial-reduction ratio of keys and values per stage; the last must be 1. */
  @Value.Default
  public List<Integer> srRatios() {
    return List.of(8, 4, 2, 1);
  }

  /** Blocks per stage; its length is the number of stages; no default. */
  public abstract List<Integer> depths();

  @Value.Check
  void check() {
    int n = depths().size();
    require("PVT", n >= 1 && n <= MAX_STAGES, "PVT has 1 to " + MAX_STAGES + " stages, got depths " + depths()
        + " (the blocks per stage, depths, have no default)");
    require("PVT", dims().size() == n && heads().size() == n && mlpRatios().size() == n && srRatios().size() == n,
        "every per-stage list needs " + n + " entries (depths " + depths() + "): widths " + dims() + ", heads " + heads()
            + ", mlp ratios " + mlpRatios() + ", spatial-reduction ratios " + srRatios());
    checkInput("PVT");
    for (int i = 1; i < n; i++) { // first, so later checks see the real stage grids
      int before = resolution(i - 1);
      require("PVT", before % 2 == 0, "stage " + (i + 1) + " embeds 2x2 patches, so stage " + i + "'s resolution must "
          + "be even; it is " + before + "x" + before + " (image " + imageSize() + ", patch " + patchSize() + ")");
    }
    for (int i = 0; i < n; i++) {
      String stage = "stage " + (i + 1);
      int grid = resolution(i);
      require("PVT", depths().get(i) > 0, stage + " needs at least one block, got " + depths().get(i));
      require("PVT", heads().get(i) > 0 && dims().get(i) > 0 && dims().get(i) % heads().get(i) == 0,
          stage + " width " + dims().get(i) + " must be a positive multiple of its head count " + heads().get(i));
      require("PVT", mlpRatios().get(i) > 0, stage + " mlp ratio must be positive, got " + mlpRatios().get(i));
      require("PVT", srRatios().get(i) > 0 && grid % srRatios().get(i) == 0, stage + " resolution " + grid + "x" + grid
          + " must be a multiple of its spatial-reduction ratio " + srRatios().get(i));
    }
    require("PVT", srRatios().get(n - 1) == 1, "the last stage carries the class token, so its spatial-reduction ratio "
        + "must be 1, got " + srRatios().get(n - 1));
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
    return builder().from(this);
  }

  public int stages() {
    return depths().size();
  }

  /** Side of stage {@code i}'s token grid (0-based). */
  public int resolution(int stage) {
    return grid(imageSize(), patchSize(), stage);
  }

  private static int grid(int imageSize, int patchSize, int stage) {
    return (imageSize / patchSize) >> stage;
  }

  /** Each stage's keys and values reduced to the last stage's grid: the reference's 8, 4, 2, 1 at 224. */
  public static List<Integer> reductionToLastStage(int imageSize, int patchSize, int stages) {
    int last = Math.max(1, grid(imageSize, patchSize, stages - 1));
    return IntStream.range(0, stages).mapToObj(i -> Math.max(1, grid(imageSize, patchSize, i) / last)).toList();
  }

  /** The fields of a {@link PvtConfig} by name; {@code build()} validates them together. */
  public static final class Builder extends ImmutablePvtConfig.Builder {
    Builder() {}
  }
}
