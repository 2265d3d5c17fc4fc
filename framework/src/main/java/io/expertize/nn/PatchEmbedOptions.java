package io.expertize.nn;

import io.expertize.options.OptionsStyle;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * The named options of a {@link PatchEmbed}: the square image's side and channels, the patch side
 * (which must divide the image's), the token width, and the epsilon of a LayerNorm over the tokens
 * when they are normalised (PVT, Swin; unset: no norm, as ViT).
 *
 * <pre>{@code
 * PatchEmbed embed = new PatchEmbed(PatchEmbedOptions.builder()
 *     .imageSize(224).patchSize(4).channels(3).dim(96).normEps(1e-5).build());
 * }</pre>
 */
@Value.Immutable
@OptionsStyle
public abstract class PatchEmbedOptions {

  /** Side of the square input image, in pixels. */
  public abstract int imageSize();

  /** Side of a square patch, in pixels; divides {@link #imageSize()}. */
  public abstract int patchSize();

  /** Channels of the input image. */
  public abstract int channels();

  /** Width of a patch token. */
  public abstract long dim();

  /** Epsilon of the LayerNorm applied to the tokens; unset: the tokens are not normalised. */
  public abstract OptionalDouble normEps();

  @Value.Check
  void check() {
    if (patchSize() <= 0 || imageSize() % patchSize() != 0) {
      throw new IllegalArgumentException(
          "image size " + imageSize() + " must be a multiple of the patch size " + patchSize());
    }
    if (channels() <= 0 || dim() <= 0) {
      throw new IllegalArgumentException(
          "a patch embedding needs positive channels and width, got channels=" + channels() + ", dim=" + dim());
    }
  }

  /** Options without a norm; {@code imageSize}, {@code patchSize}, {@code channels} and {@code dim} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The options by name. */
  public static final class Builder extends ImmutablePatchEmbedOptions.Builder {
    Builder() {}
  }
}
