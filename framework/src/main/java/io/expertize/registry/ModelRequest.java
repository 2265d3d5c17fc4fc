package io.expertize.registry;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What a run asks of a model: the images the dataset provides (none for text) and the shape
 * overrides of the configuration ({@code model.*} keys). An override left unset keeps the named
 * config's own value; the {@code xxxOr(own)} methods apply that rule. {@code windowSize} and
 * {@code depths} (blocks per stage) concern hierarchical models.
 *
 * <pre>{@code
 * ModelRequest r = ModelRequest.builder().images(28, 1, 10).patchSize(4).dim(64).dropPath(0.1).build();
 * }</pre>
 */
public final class ModelRequest {

  /** The input of an image classifier: square images of {@code size} pixels, {@code channels}, {@code numClasses}. */
  public record Images(int size, int channels, int numClasses) {
    public Images {
      positive("image size", size);
      positive("channels", channels);
      positive("numClasses", numClasses);
    }
  }

  private final Optional<Images> images;
  private final OptionalInt patchSize;
  private final OptionalInt dim;
  private final OptionalInt depth;
  private final OptionalInt heads;
  private final OptionalDouble mlpRatio;
  private final OptionalDouble dropout;
  private final OptionalDouble dropPath;
  private final OptionalInt windowSize;
  private final Optional<List<Integer>> depths;

  private ModelRequest(Builder b) {
    images = b.images;
    patchSize = b.patchSize;
    dim = b.dim;
    depth = b.depth;
    heads = b.heads;
    mlpRatio = b.mlpRatio;
    dropout = b.dropout;
    dropPath = b.dropPath;
    windowSize = b.windowSize;
    depths = b.depths;
  }

  /** A request with no input and no overrides (a text model's named config as it is); set what the run asks. */
  public static Builder builder() {
    return new Builder();
  }

  /** A request for the named config as it is, on the given images. */
  public static ModelRequest of(int imageSize, int channels, int numClasses) {
    return builder().images(imageSize, channels, numClasses).build();
  }

  /** {@code model.depths} as written, {@code "2,2,6,2"}; blank is none. */
  public static List<Integer> parseDepths(String commaSeparated) {
    return commaSeparated.isBlank() ? List.of()
        : Arrays.stream(commaSeparated.split(",")).map(String::strip).map(Integer::valueOf).toList();
  }

  /** The dataset's images; empty for text. */
  public Optional<Images> images() {
    return images;
  }

  /**
   * The dataset's images, which an image model needs.
   *
   * @throws IllegalArgumentException naming {@code model} when the request has none (text data)
   */
  public Images requireImages(String model) {
    return images.orElseThrow(() -> new IllegalArgumentException(
        "'" + model + "' is an image classifier: it needs the data's images (size, channels, classes), and this "
            + "request has none (text data?)"));
  }

  public OptionalInt patchSize() {
    return patchSize;
  }

  public OptionalInt dim() {
    return dim;
  }

  public OptionalInt depth() {
    return depth;
  }

  public OptionalInt heads() {
    return heads;
  }

  public OptionalDouble mlpRatio() {
    return mlpRatio;
  }

  public OptionalDouble dropout() {
    return dropout;
  }

  public OptionalDouble dropPath() {
    return dropPath;
  }

  public OptionalInt windowSize() {
    return windowSize;
  }

  /** Blocks per stage; its length is the number of stages. */
  public Optional<List<Integer>> depths() {
    return depths;
  }

  public int patchSizeOr(int own) {
    return patchSize.orElse(own);
  }

  public int dimOr(int own) {
    return dim.orElse(own);
  }

  public int depthOr(int own) {
    return depth.orElse(own);
  }

  public int headsOr(int own) {
    return heads.orElse(own);
  }

  public double mlpRatioOr(double own) {
    return mlpRatio.orElse(own);
  }

  public double dropoutOr(double own) {
    return dropout.orElse(own);
  }

  public double dropPathOr(double own) {
    return dropPath.orElse(own);
  }

  public int windowSizeOr(int own) {
    return windowSize.orElse(own);
  }

  /**
   * Blocks per stage: {@code depths} as given (its length is the number of stages), else
   * {@code depth} blocks in each of the {@code own} stages, else {@code own}.
   */
  public List<Integer> depthsOr(List<Integer> own) {
    if (depths.isPresent() && depth.isPresent()) {
      throw new IllegalArgumentException(
          "set either model.depth (blocks in every stage) or model.depths (blocks per stage), not both");
    }
    if (depths.isPresent()) {
      return depths.get();
    }
    return depth.isPresent() ? Collections.nCopies(own.size(), depth.getAsInt()) : own;
  }

  /** Per-stage widths: {@code dim} as the first stage's, later stages in the named config's proportions. */
  public List<Integer> dimsOr(List<Integer> own) {
    return dim.isPresent() ? scaled(own, dim.getAsInt(), "model.dim") : own;
  }

  /** Per-stage head counts: {@code heads} as the first stage's, later stages in the named config's proportions. */
  public List<Integer> headsOr(List<Integer> own) {
    return heads.isPresent() ? scaled(own, heads.getAsInt(), "model.heads") : own;
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
    if (windowSize.isPresent()) {
      throw new IllegalArgumentException("model.window-size: " + model + " has no attention windows (Swin has)");
    }
  }

  /** Fails when the run sets stage overrides for {@code model}, which has one stage of global attention. */
  public void requireSingleStage(String model) {
    requireNoWindow(model);
    if (depths.isPresent()) {
      throw new IllegalArgumentException(
          "model.depths: " + model + " has one stage; use model.depth for its number of blocks");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelRequest r && images.equals(r.images) && patchSize.equals(r.patchSize)
        && dim.equals(r.dim) && depth.equals(r.depth) && heads.equals(r.heads) && mlpRatio.equals(r.mlpRatio)
        && dropout.equals(r.dropout) && dropPath.equals(r.dropPath) && windowSize.equals(r.windowSize)
        && depths.equals(r.depths);
  }

  @Override
  public int hashCode() {
    return Objects.hash(images, patchSize, dim, depth, heads, mlpRatio, dropout, dropPath, windowSize, depths);
  }

  @Override
  public String toString() {
    return "ModelRequest[images=" + images + ", patchSize=" + patchSize + ", dim=" + dim + ", depth=" + depth
        + ", heads=" + heads + ", mlpRatio=" + mlpRatio + ", dropout=" + dropout + ", dropPath=" + dropPath
        + ", windowSize=" + windowSize + ", depths=" + depths + "]";
  }

  private static void positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be >= 1, got " + value);
    }
  }

  private static double rate(String field, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(field + " must be in [0, 1), got " + value);
    }
    return value;
  }

  /** The overrides by name; each left unset keeps the named config's own value. */
  public static final class Builder {
    private Optional<Images> images = Optional.empty();
    private OptionalInt patchSize = OptionalInt.empty();
    private OptionalInt dim = OptionalInt.empty();
    private OptionalInt depth = OptionalInt.empty();
    private OptionalInt heads = OptionalInt.empty();
    private OptionalDouble mlpRatio = OptionalDouble.empty();
    private OptionalDouble dropout = OptionalDouble.empty();
    private OptionalDouble dropPath = OptionalDouble.empty();
    private OptionalInt windowSize = OptionalInt.empty();
    private Optional<List<Integer>> depths = Optional.empty();

    private Builder() {}

    /** The dataset's images: {@code imageSize} x {@code imageSize} pixels, {@code channels}, {@code numClasses}. */
    public Builder images(int imageSize, int channels, int numClasses) {
      this.images = Optional.of(new Images(imageSize, channels, numClasses));
      return this;
    }

    /** {@code model.patch-size}: patch side in pixels. */
    public Builder patchSize(int patchSize) {
      positive("patchSize", patchSize);
      this.patchSize = OptionalInt.of(patchSize);
      return this;
    }

    /** {@code model.dim}: embedding width (of the first stage in a hierarchical model). */
    public Builder dim(int dim) {
      positive("dim", dim);
      this.dim = OptionalInt.of(dim);
      return this;
    }

    /** {@code model.depth}: blocks (in every stage of a hierarchical model). */
    public Builder depth(int depth) {
      positive("depth", depth);
      this.depth = OptionalInt.of(depth);
      return this;
    }

    /** {@code model.heads}: attention heads (of the first stage in a hierarchical model). */
    public Builder heads(int heads) {
      positive("heads", heads);
      this.heads = OptionalInt.of(heads);
      return this;
    }

    /** {@code model.mlp-ratio}: feed-forward width / embedding width. */
    public Builder mlpRatio(double mlpRatio) {
      if (!(mlpRatio > 0 && Double.isFinite(mlpRatio))) {
        throw new IllegalArgumentException("mlpRatio must be a finite value > 0, got " + mlpRatio);
      }
      this.mlpRatio = OptionalDouble.of(mlpRatio);
      return this;
    }

    /** {@code model.dropout}: dropout rate, in [0, 1). */
    public Builder dropout(double dropout) {
      this.dropout = OptionalDouble.of(rate("dropout", dropout));
      return this;
    }

    /** {@code model.drop-path}: stochastic-depth rate, in [0, 1). */
    public Builder dropPath(double dropPath) {
      this.dropPath = OptionalDouble.of(rate("dropPath", dropPath));
      return this;
    }

    /** {@code model.window-size}: attention window side in tokens (Swin). */
    public Builder windowSize(int windowSize) {
      positive("windowSize", windowSize);
      this.windowSize = OptionalInt.of(windowSize);
      return this;
    }

    /** {@code model.depths}: blocks per stage; its length sets the number of stages. */
    public Builder depths(List<Integer> depths) {
      if (depths.isEmpty()) {
        throw new IllegalArgumentException("depths must name at least one stage; leave it unset for the named config's");
      }
      depths.forEach(d -> positive("depths' block count", d));
      this.depths = Optional.of(List.copyOf(depths));
      return this;
    }

    public ModelRequest build() {
      return new ModelRequest(this);
    }
  }
}
