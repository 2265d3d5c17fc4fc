package io.expertize.nn;

import io.expertize.options.OptionsStyle;
import org.immutables.value.Value;

/**
 * The named options of self-attention ({@link Attention}, {@link WindowAttention},
 * {@link SpatialReductionAttention}): its width and head count (required), and biases and dropout
 * that start at timm's defaults. {@code build()} rejects a width that the heads do not divide or a
 * rate outside [0, 1), naming it:
 *
 * <pre>{@code
 * Attention attn = new Attention(AttentionOptions.builder().dim(192).heads(3).projDrop(0.1).build());
 * }</pre>
 */
@Value.Immutable
@OptionsStyle
public abstract class AttentionOptions {

  /** Width of the tokens in and out, split evenly across the heads. */
  public abstract long dim();

  /** Number of heads. */
  public abstract int heads();

  /** Whether the query, key and value projections carry biases; true by default. */
  @Value.Default
  public boolean qkvBias() {
    return true;
  }

  /** Dropout rate on the attention weights, in [0, 1); 0 by default. */
  @Value.Default
  public double attnDrop() {
    return 0.0;
  }

  /** Dropout rate on the output projection, in [0, 1); 0 by default. */
  @Value.Default
  public double projDrop() {
    return 0.0;
  }

  public long headDim() {
    return dim() / heads();
  }

  @Value.Check
  void check() {
    if (heads() <= 0 || dim() <= 0 || dim() % heads() != 0) {
      throw new IllegalArgumentException(
          "attention width " + dim() + " must be a positive multiple of the head count " + heads());
    }
    rate("attnDrop", attnDrop());
    rate("projDrop", projDrop());
  }

  private static void rate(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
    }
  }

  /** Options with the defaults above; {@code dim} and {@code heads} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The options by name. */
  public static final class Builder extends ImmutableAttentionOptions.Builder {
    Builder() {}
  }
}
