package io.expertize.zoo.t5;

import io.expertize.nn.RelativePositionBuckets;
import io.expertize.options.OptionsStyle;
import org.immutables.value.Value;

/**
 * Shape and regularisation of a T5 encoder-decoder. The attention width is {@code heads * dKv},
 * independent of {@code dModel} (T5 v1.1 small: 6 x 64 = 384 against 512). Write one with
 * {@link #builder()}, or reduce a named one with {@link #toBuilder()}; {@code build()} names the
 * constraint a bad combination breaks, and the sizes left unset:
 *
 * <pre>{@code
 * T5Config tiny = T5Models.T5_SMALL.toBuilder().dModel(32).dFf(64).heads(4).dKv(8).layers(1).vocab(16).build();
 * }</pre>
 */
@Value.Immutable
@OptionsStyle
public abstract class T5Config {

  /** Width of the residual stream; no default. */
  public abstract int dModel();

  /** Inner width of the feed-forward layers; no default. */
  public abstract int dFf();

  /** Attention heads; no default. */
  public abstract int heads();

  /** Width of each head's keys and values. */
  @Value.Default
  public int dKv() {
    return 64;
  }

  /** Layers of the encoder; no default ({@link Builder#layers} sets both stacks). */
  public abstract int encoderLayers();

  /** Layers of the decoder; no default. */
  public abstract int decoderLayers();

  /** Vocabulary size, pad (0) and eos (1) included; no default. */
  public abstract int vocab();

  /** RELU (T5 1.0) or GATED_GELU (v1.1, ByT5); no default. */
  public abstract FeedForwardKind feedForward();

  /**
   * Whether the output projection is the input embedding (T5 1.0, scaled by {@code dModel^-0.5}) or an
   * own {@code lm_head} (v1.1, ByT5); no default.
   */
  public abstract boolean tiedOutput();

  @Value.Default
  public int relativeBuckets() {
    return RelativePositionBuckets.T5_COUNT;
  }

  @Value.Default
  public int relativeMaxDistance() {
    return RelativePositionBuckets.T5_MAX_DISTANCE;
  }

  @Value.Default
  public double dropout() {
    return 0.1;
  }

  @Value.Default
  public double layerNormEps() {
    return 1e-6;
  }

  @Value.Check
  void check() {
    require(dModel() > 0, "d_model must be positive, got " + dModel());
    require(dFf() > 0, "d_ff must be positive, got " + dFf());
    require(heads() > 0, "heads must be positive, got " + heads());
    require(dKv() > 0, "d_kv must be positive, got " + dKv());
    require(encoderLayers() > 0 && decoderLayers() > 0,
        "encoder and decoder need at least one layer each, got " + encoderLayers() + " / " + decoderLayers());
    require(vocab() > T5Model.EOS_ID, "the vocabulary must hold pad (0) and eos (1), got " + vocab());
    require(dropout() >= 0 && dropout() < 1, "dropout must be in [0, 1), got " + dropout());
    require(layerNormEps() > 0, "layer norm eps must be positive, got " + layerNormEps());
    try {
      RelativePositionBuckets.validate(relativeBuckets(), relativeMaxDistance());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid T5 configuration: " + e.getMessage(), e);
    }
  }

  /**
   * The reference settings shared by every named T5: d_kv 64, 32 relative buckets up to distance 128,
   * dropout 0.1, layer-norm eps 1e-6. The sizes, the vocabulary, the feed-forward kind and whether the
   * output is tied have no default and must be set.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts at this config. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** Width of the attention's q, k, v outputs and o input. */
  public int innerDim() {
    return heads() * dKv();
  }

  /** The same shape with another dropout rate (0 for exact forward comparisons). */
  public T5Config withDropout(double rate) {
    return toBuilder().dropout(rate).build();
  }

  /** The fields of a {@link T5Config} by name; {@code build()} validates them together. */
  public static final class Builder extends ImmutableT5Config.Builder {
    Builder() {}

    /** Layers of both stacks. */
    public Builder layers(int layers) {
      return encoderLayers(layers).decoderLayers(layers);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid T5 configuration: " + message);
    }
  }
}
