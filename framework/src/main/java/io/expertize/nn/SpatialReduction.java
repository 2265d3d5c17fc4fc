package io.expertize.nn;

import io.expertize.options.OptionsStyle;
import org.immutables.value.Value;

/**
 * How {@link SpatialReductionAttention} shrinks its keys and values: the {@code height x width} token
 * grid it reads, the {@code ratio} that both sides are divided by (1: no reduction), and the epsilon
 * of the LayerNorm after the reduction (1e-5, PyTorch's default, unless set).
 *
 * <pre>{@code
 * SpatialReduction sr = SpatialReduction.builder().height(14).width(14).ratio(2).build();
 * }</pre>
 */
@Value.Immutable
@OptionsStyle
public abstract class SpatialReduction {

  public abstract int height();

  public abstract int width();

  /** Divides both sides of the grid; 1 keeps every token (and allows a prefix such as a class token). */
  public abstract int ratio();

  @Value.Default
  public double normEps() {
    return 1e-5;
  }

  @Value.Check
  void check() {
    if (ratio() < 1 || height() < 1 || width() < 1 || height() % ratio() != 0 || width() % ratio() != 0) {
      throw new IllegalArgumentException(String.format(
          "a %dx%d token grid must be a multiple of the spatial-reduction ratio %d", height(), width(), ratio()));
    }
  }

  /** Reduction by name; {@code height}, {@code width} and {@code ratio} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The reduction by name. */
  public static final class Builder extends ImmutableSpatialReduction.Builder {
    Builder() {}
  }
}
