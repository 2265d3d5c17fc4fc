package io.expertize.zoo.vit;

import io.expertize.nn.ImageClassifierSpec;
import io.expertize.zoo.ImageConfigBuilder;

/**
 * Shape and regularisation of a Vision Transformer. The compact constructor names the constraint a
 * bad combination breaks. Write one with {@link #builder()}, which starts at timm's reference, or
 * change a named one with {@link #toBuilder()}:
 *
 * <pre>{@code
 * VitConfig c = VitConfig.builder().imageSize(28).patchSize(7).channels(1).numClasses(10)
 *     .dim(128).depth(4).heads(4).pooling(Pooling.AVG).build();
 * }</pre>
 */
public record VitConfig(
    int imageSize, int patchSize, int channels, int numClasses,
    int dim, int depth, int heads, double mlpRatio, boolean qkvBias,
    double dropout, double dropPath, double layerNormEps, Pooling pooling) implements ImageClassifierSpec {

  public VitConfig {
    require(imageSize > 0 && patchSize > 0 && imageSize % patchSize == 0,
        "image size " + imageSize + " must be a positive multiple of the patch size " + patchSize);
    require(channels > 0, "channels must be positive, got " + channels);
    require(numClasses > 0, "number of classes must be positive, got " + numClasses);
    require(depth > 0, "depth must be positive, got " + depth);
    require(heads > 0 && dim > 0 && dim % heads == 0,
        "width " + dim + " must be a positive multiple of the head count " + heads);
    require(mlpRatio > 0, "mlp ratio must be positive, got " + mlpRatio);
    require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
    require(dropPath >= 0 && dropPath < 1, "drop-path rate must be in [0, 1), got " + dropPath);
    require(pooling != null, "pooling must be TOKEN or AVG");
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
    return new Builder().imageSize(imageSize).patchSize(patchSize).channels(channels).numClasses(numClasses)
        .dim(dim).depth(depth).heads(heads).mlpRatio(mlpRatio).qkvBias(qkvBias).dropout(dropout).dropPath(dropPath)
        .layerNormEps(layerNormEps).pooling(pooling);
  }

  public int numPatches() {
    return (imageSize / patchSize) * (imageSize / patchSize);
  }

  /** The fields of a {@link VitConfig} by name; {@link #build()} validates them together. */
  public static final class Builder extends ImageConfigBuilder<Builder> {
    private Integer dim;
    private Integer depth;
    private Integer heads;
    private double mlpRatio = 4.0;
    private double layerNormEps = 1e-6;
    private Pooling pooling = Pooling.TOKEN;

    private Builder() {
      super(16, 0.0);
    }

    /** Embedding width; no default. */
    public Builder dim(int dim) {
      this.dim = dim;
      return this;
    }

    /** Number of blocks; no default. */
    public Builder depth(int depth) {
      this.depth = depth;
      return this;
    }

    /** Attention heads; no default. */
    public Builder heads(int heads) {
      this.heads = heads;
      return this;
    }

    public Builder mlpRatio(double mlpRatio) {
      this.mlpRatio = mlpRatio;
      return this;
    }

    public Builder layerNormEps(double layerNormEps) {
      this.layerNormEps = layerNormEps;
      return this;
    }

    public Builder pooling(Pooling pooling) {
      this.pooling = pooling;
      return this;
    }

    public VitConfig build() {
      require(dim != null, "the width (dim) has no default: set it");
      require(depth != null, "the depth has no default: set it");
      require(heads != null, "the head count (heads) has no default: set it");
      return new VitConfig(imageSize, patchSize, channels, numClasses, dim, depth, heads, mlpRatio, qkvBias, dropout,
          dropPath, layerNormEps, pooling);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid ViT configuration: " + message);
    }
  }
}
