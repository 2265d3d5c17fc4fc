package io.expertize.zoo.vit;

import io.expertize.options.OptionsStyle;
import io.expertize.zoo.ImageConfig;
import org.immutables.value.Value;

/**
 * Shape and regularisation of a Vision Transformer. Write one with {@link #builder()}, which starts at
 * timm's reference, or change a named one with {@link #toBuilder()}; {@code build()} names the
 * constraint a bad combination breaks, and the sizes left unset:
 *
 * <pre>{@code
 * VitConfig c = VitConfig.builder().imageSize(28).patchSize(7).channels(1).numClasses(10)
 *     .dim(128).depth(4).heads(4).pooling(Pooling.AVG).build();
 * }</pre>
 */
@Value.Immutable
@OptionsStyle
public abstract class VitConfig extends ImageConfig {

  @Override
  @Value.Default
  public int patchSize() {
    return 16;
  }

  /** Embedding width; no default. */
  public abstract int dim();

  /** Number of blocks; no default. */
  public abstract int depth();

  /** Attention heads; no default. */
  public abstract int heads();

  /** Feed-forward width / embedding width. */
  @Value.Default
  public double mlpRatio() {
    return 4.0;
  }

  @Value.Default
  public double layerNormEps() {
    return 1e-6;
  }

  @Value.Default
  public Pooling pooling() {
    return Pooling.TOKEN;
  }

  @Value.Check
  void check() {
    checkInput("ViT");
    require("ViT", depth() > 0, "depth must be positive, got " + depth());
    require("ViT", heads() > 0 && dim() > 0 && dim() % heads() == 0,
        "width " + dim() + " must be a positive multiple of the head count " + heads());
    require("ViT", mlpRatio() > 0, "mlp ratio must be positive, got " + mlpRatio());
  }

  /** timm's ViT at 224x224, 1000 classes, patch 16, qkv bias, no dropout. */
  public static VitConfig imagenet(int dim, int depth, int heads) {
    return builder().dim(dim).depth(depth).heads(heads).build();
  }

  /**
   * timm's reference settings (224x224 RGB, 1000 classes, patch 16, mlp ratio 4, qkv bias, no dropout
   * or drop path, layer-norm eps 1e-6, class-token pooling); the width, depth and heads have no
   * default and must be set.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts at this config. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  public int numPatches() {
    return (imageSize() / patchSize()) * (imageSize() / patchSize());
  }

  /** The fields of a {@link VitConfig} by name; {@code build()} validates them together. */
  public static final class Builder extends ImmutableVitConfig.Builder {
    Builder() {}
  }
}
