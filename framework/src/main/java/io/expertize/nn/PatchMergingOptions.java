package io.expertize.nn;

import io.expertize.options.OptionsStyle;
import org.immutables.value.Value;

/**
 * The named options of a {@link PatchMerging}: the {@code height x width} token grid it halves (both
 * even), the width of its tokens in and out, and the epsilon of its LayerNorm (1e-5, PyTorch's
 * default, unless set).
 *
 * <pre>{@code
 * PatchMerging merge = new PatchMerging(PatchMergingOptions.builder()
 *     .height(56).width(56).dim(96).outDim(192).build());
 * }</pre>
 */
@Value.Immutable
@OptionsStyle
public abstract class PatchMergingOptions {

  public abstract int height();

  public abstract int width();

  /** Width of the tokens in. */
  public abstract long dim();

  /** Width of the tokens out (Swin: twice {@link #dim()}). */
  public abstract long outDim();

  @Value.Default
  public double normEps() {
    return 1e-5;
  }

  @Value.Check
  void check() {
    if (height() <= 0 || width() <= 0 || height() % 2 != 0 || width() % 2 != 0) {
      throw new IllegalArgumentException(String.format(
          "patch merging halves the token grid, so it needs an even resolution; got %dx%d", height(), width()));
    }
    if (dim() <= 0 || outDim() <= 0) {
      throw new IllegalArgumentException(
          "patch merging needs positive widths, got dim=" + dim() + ", outDim=" + outDim());
    }
  }

  /** Options with the default epsilon; the grid and both widths must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The options by name. */
  public static final class Builder extends ImmutablePatchMergingOptions.Builder {
    Builder() {}
  }
}
