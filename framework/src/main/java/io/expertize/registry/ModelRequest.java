package io.expertize.registry;

/**
 * What a run asks of a model: the input the dataset provides and the shape overrides of the
 * configuration ({@code model.*} keys). Zero (or a negative rate) means "the named config's own".
 */
public record ModelRequest(
    int imageSize, int channels, int numClasses,
    int patchSize, int dim, int depth, int heads, double mlpRatio,
    double dropout, double dropPath) {

  /** A request for the named config as it is, on the given input. */
  public static ModelRequest of(int imageSize, int channels, int numClasses) {
    return new ModelRequest(imageSize, channels, numClasses, 0, 0, 0, 0, 0, -1, -1);
  }

  public int patchSizeOr(int own) {
    return patchSize > 0 ? patchSize : own;
  }

  public int dimOr(int own) {
    return dim > 0 ? dim : own;
  }

  public int depthOr(int own) {
    return depth > 0 ? depth : own;
  }

  public int headsOr(int own) {
    return heads > 0 ? heads : own;
  }

  public double mlpRatioOr(double own) {
    return mlpRatio > 0 ? mlpRatio : own;
  }

  public double dropoutOr(double own) {
    return dropout >= 0 ? dropout : own;
  }

  public double dropPathOr(double own) {
    return dropPath >= 0 ? dropPath : own;
  }
}
