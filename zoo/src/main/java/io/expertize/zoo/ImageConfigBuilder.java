package io.expertize.zoo;

/**
 * What the builders of the zoo's image configs ({@code VitConfig}, {@code SwinConfig},
 * {@code PvtConfig}) share: the input (image size, channels, classes), the patch size, the qkv bias
 * and the two regularisation rates, by name, starting at timm's 224x224 RGB with 1000 classes.
 *
 * @param <B> the config's own builder, which every setter returns
 */
public abstract class ImageConfigBuilder<B extends ImageConfigBuilder<B>> {
  protected int imageSize = 224;
  protected int patchSize;
  protected int channels = 3;
  protected int numClasses = 1000;
  protected boolean qkvBias = true;
  protected double dropout = 0.0;
  protected double dropPath;

  /** The family's reference patch size and drop-path rate. */
  protected ImageConfigBuilder(int patchSize, double dropPath) {
    this.patchSize = patchSize;
    this.dropPath = dropPath;
  }

  /** Side of the square input images, in pixels. */
  public B imageSize(int imageSize) {
    this.imageSize = imageSize;
    return self();
  }

  /** Side of the square patches the input is cut into, in pixels. */
  public B patchSize(int patchSize) {
    this.patchSize = patchSize;
    return self();
  }

  public B channels(int channels) {
    this.channels = channels;
    return self();
  }

  public B numClasses(int numClasses) {
    this.numClasses = numClasses;
    return self();
  }

  /** Whether the attention's q, k, v projections have a bias. */
  public B qkvBias(boolean qkvBias) {
    this.qkvBias = qkvBias;
    return self();
  }

  public B dropout(double dropout) {
    this.dropout = dropout;
    return self();
  }

  /** Stochastic-depth rate (of the last block, where it rises with depth). */
  public B dropPath(double dropPath) {
    this.dropPath = dropPath;
    return self();
  }

  @SuppressWarnings("unchecked") // B is this class's own type by the bound every subclass declares
  private B self() {
    return (B) this;
  }
}
