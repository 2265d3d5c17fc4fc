package io.expertize.nn;

import io.expertize.options.OptionsStyle;
import org.immutables.value.Value;

/**
 * The named parts of a {@link MultiHeadAttention}: its head count and its four projections, built by
 * the caller (their biases and initialisers are the caller's choice), and the logits' scale and the
 * attention dropout. {@code build()} checks that the projections fit together, naming their widths:
 *
 * <pre>{@code
 * MultiHeadAttentionOptions o = MultiHeadAttentionOptions.builder().heads(4)
 *     .q(new Linear(d, inner, false)).k(new Linear(d, inner, false)).v(new Linear(d, inner, false))
 *     .o(new Linear(inner, d, false)).scale(1.0).build();
 * }</pre>
 */
@Value.Immutable
@OptionsStyle
public abstract class MultiHeadAttentionOptions {

  public abstract int heads();

  /** Queries: from the query width to heads x head width. */
  public abstract Linear q();

  /** Keys: from the memory's width to heads x head width. */
  public abstract Linear k();

  /** Values: like {@link #k}. */
  public abstract Linear v();

  /** Output: from heads x head width back to the query width. */
  public abstract Linear o();

  /** Multiplier of {@code q k^T}: {@code 1/sqrt(head width)} by default, 1 for T5 (folded into q's initialiser). */
  @Value.Default
  public double scale() {
    return 1.0 / Math.sqrt((double) q().out() / heads());
  }

  /** Dropout rate on the attention weights, in [0, 1); 0 by default. */
  @Value.Default
  public double attnDrop() {
    return 0.0;
  }

  @Value.Check
  void check() {
    long inner = q().out();
    if (heads() <= 0 || inner % heads() != 0) {
      throw new IllegalArgumentException(
          "attention inner width " + inner + " must be a positive multiple of the head count " + heads());
    }
    if (k().out() != inner || v().out() != inner || o().in() != inner) {
      throw new IllegalArgumentException("q, k, v outputs and o input must have one width, got q " + inner
          + ", k " + k().out() + ", v " + v().out() + ", o " + o().in());
    }
    if (k().in() != v().in() || o().out() != q().in()) {
      throw new IllegalArgumentException("k and v must read one width (" + k().in() + " vs " + v().in()
          + ") and o must return the query width " + q().in() + ", got " + o().out());
    }
  }

  /** Parts by name; {@code heads}, {@code q}, {@code k}, {@code v} and {@code o} must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The parts by name. */
  public static final class Builder extends ImmutableMultiHeadAttentionOptions.Builder {
    Builder() {}
  }
}
