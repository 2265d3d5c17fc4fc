package io.expertize.nn;

import io.expertize.graph.Initializer;
import io.expertize.graph.ParamKind;
import io.expertize.options.OptionsStyle;
import org.immutables.value.Value;

/**
 * The named options of a feed-forward network ({@link FeedForward}, {@link GatedFeedForward},
 * {@link DenseActDense}): its width and hidden width (required), and an activation, biases, dropout
 * and initialisers that start at timm's defaults. {@code build()} rejects a size or rate outside its
 * range, naming it:
 *
 * <pre>{@code
 * FeedForward mlp = new FeedForward(FeedForwardOptions.builder().dim(64).hidden(256).dropout(0.1).build());
 * }</pre>
 */
@Value.Immutable
@OptionsStyle
public abstract class FeedForwardOptions {

  /** Width of the tokens in and out. */
  public abstract long dim();

  /** Width of the hidden layer. */
  public abstract long hidden();

  /** Applied to the hidden layer (to the gate of a gated network); GELU by default. */
  @Value.Default
  public Activation activation() {
    return Activation.GELU;
  }

  /** Whether the projections carry biases; true by default (timm), false for T5. */
  @Value.Default
  public boolean bias() {
    return true;
  }

  /** Dropout rate on the hidden layer (and on the output, for {@link FeedForward}), in [0, 1); 0 by default. */
  @Value.Default
  public double dropout() {
    return 0.0;
  }

  /** Initialiser of the input projections' weights; the usual weight initialiser by default. */
  @Value.Default
  public Initializer inputInit() {
    return ParamKind.WEIGHT.defaultInitializer();
  }

  /** Initialiser of the output projection's weight; the usual weight initialiser by default. */
  @Value.Default
  public Initializer outputInit() {
    return ParamKind.WEIGHT.defaultInitializer();
  }

  @Value.Check
  void check() {
    if (dim() <= 0 || hidden() <= 0) {
      throw new IllegalArgumentException(
          "a feed-forward network needs positive widths, got dim=" + dim() + ", hidden=" + hidden());
    }
    if (!(dropout() >= 0 && dropout() < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout());
    }
  }

  /** Options with the defaults above; {@code dim} and {@code hidden} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The options by name. */
  public static final class Builder extends ImmutableFeedForwardOptions.Builder {
    Builder() {}
  }
}
