package io.expertize.zoo;

import io.expertize.nn.ImageClassifierSpec;
import org.immutables.value.Value;

/**
 * What the zoo's image configs ({@code VitConfig}, {@code SwinConfig}, {@code PvtConfig}) share: the
 * input (image size, channels, classes), the patch size, the qkv bias and the two regularisation
 * rates, starting at timm's 224x224 RGB with 1000 classes; each family gives its own patch size (and Swin
 * its drop-path rate).
 */
public abstract class ImageConfig implements ImageClassifierSpec {

  /** Side of the square input images, in pixels. */
  @Override
  @Value.Default
  public int imageSize() {
    return 224;
  }

  /** Side of the square patches the input is cut into, in pixels. */
  public abstract int patchSize();

  @Override
  @Value.Default
  public int channels() {
    return 3;
  }

  @Override
  @Value.Default
  public int numClasses() {
    return 1000;
  }

  /** Whether the attention's q, k, v projections have a bias. */
  @Value.Default
  public boolean qkvBias() {
    return true;
  }

  @Value.Default
  public double dropout() {
    return 0.0;
  }

  /** Stochastic-depth rate (of the last block, where it rises with depth); none unless a family sets one. */
  @Value.Default
  public double dropPath() {
    return 0.0;
  }

  /** The checks of the shared part, each message starting "invalid {@code family} configuration". */
  protected final void checkInput(String family) {
    require(family, imageSize() > 0 && patchSize() > 0 && imageSize() % patchSize() == 0,
        "image size " + imageSize() + " must be a positive multiple of the patch size " + patchSize());
    require(family, channels() > 0, "channels must be positive, got " + channels());
    require(family, numClasses() > 0, "number of classes must be positive, got " + numClasses());
    require(family, dropout() >= 0 && dropout() < 1, "dropout must be in [0, 1), got " + dropout());
    require(family, dropPath() >= 0 && dropPath() < 1, "drop-path rate must be in [0, 1), got " + dropPath());
  }

  protected static void require(String family, boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid " + family + " configuration: " + message);
    }
  }
}
