package io.expertize.zoo.vit;

import io.expertize.nn.ImageClassifierSpec;

/**
 * Shape and regularisation of a Vision Transformer. The compact constructor names the constraint a
 * bad combination breaks.
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
    return new VitConfig(224, 16, 3, 1000, dim, depth, heads, 4.0, true, 0.0, 0.0, 1e-6, Pooling.TOKEN);
  }

  public int numPatches() {
    return (imageSize / patchSize) * (imageSize / patchSize);
  }


  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid ViT configuration: " + message);
    }
  }
}
