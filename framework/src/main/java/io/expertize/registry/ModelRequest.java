package io.expertize.registry;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What a run asks of a model: the input the dataset provides and the shape overrides of the
 * configuration ({@code model.*} keys). Zero (or a negative rate, or an empty list) means "the named
 * config's own". {@code windowSize} and {@code depths} (blocks per stage) concern hierarchical models.
 */
public record ModelRequest(
    int imageSize, int channels, int numClasses,
    int patchSize, int dim, int depth, int heads, double mlpRatio,
    double dropout, double dropPath, int windowSize, List<Integer> depths) {

  public ModelRequest {
    depths = List.copyOf(depths);
  }

  /** A request without window size or per-stage depths. */
  public ModelRequest(
      int imageSize, int channels, int numClasses, int patchSize, int dim, int depth, int heads,
      double mlpRatio, double dropout, double dropPath) {
    this(imageSize, channels, numClasses, patchSize, dim, depth, heads, mlpRatio, dropout, dropPath, 0, List.of());
  }

  /** A request for the named config as it is, on the given input. */
  public static ModelRequest of(int imageSize, int channels, int numClasses) {
    return new ModelRequest(imageSize, channels, numClasses, 0, 0, 0, 0, 0, -1, -1);
  }

  /** {@code model.depths} as written, {@code "2,2,6,2"}; blank is none. */
  public static List<Integer> parseDepths(String commaSeparated) {
    return commaSeparated.isBlank() ? List.of()
        : Arrays.stream(commaSeparated.split(",")).map(String::strip).map(Integer::valueOf).toList();
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

  public int windowSizeOr(int own) {
    return windowSize > 0 ? windowSize : own;
  }

  /**
   * Blocks per stage: {@code depths} as given (its length is the number of stages), else
   * {@code depth} blocks in each of the {@code own} stages, else {@code own}.
   */
  public List<Integer> depthsOr(List<Integer> own) {
    if (!depths.isEmpty() && depth > 0) {
      throw new IllegalArgumentException(
          "set either model.depth (blocks in every stage) or model.depths (blocks per stage), not both");
    }
    if (!depths.isEmpty()) {
      return depths;
    }
    return depth > 0 ? Collections.nCopies(own.size(), depth) : own;
  }

  /** Per-stage widths: {@code dim} as the first stage's, later stages in the named config's proportions. */
  public List<Integer> dimsOr(List<Integer> own) {
    return dim > 0 ? scaled(own, dim, "model.dim") : own;
  }

  /** Per-stage head counts: {@code heads} as the first stage's, later stages in the named config's proportions. */
  public List<Integer> headsOr(List<Integer> own) {
    return heads > 0 ? scaled(own, heads, "model.heads") : own;
  }

  private static List<Integer> scaled(List<Integer> own, int first, String key) {
    int base = own.get(0);
    for (int v : own) {
      if ((long) v * first % base != 0) {
        throw new IllegalArgumentException(key + " = " + first + " sets the first stage; it must scale the named "
            + "config's stages " + own + " to whole numbers");
      }
    }
    return own.stream().map(v -> (int) ((long) v * first / base)).toList();
  }

  /** Fails when the run sets a window size for {@code model}, which has none. */
  public void requireNoWindow(String model) {
    if (windowSize > 0) {
      throw new IllegalArgumentException("model.window-size: " + model + " has no attention windows (Swin has)");
    }
  }

  /** Fails when the run sets stage overrides for {@code model}, which has one stage of global attention. */
  public void requireSingleStage(String model) {
    requireNoWindow(model);
    if (!depths.isEmpty()) {
      throw new IllegalArgumentException(
          "model.depths: " + model + " has one stage; use model.depth for its number of blocks");
    }
  }
}
