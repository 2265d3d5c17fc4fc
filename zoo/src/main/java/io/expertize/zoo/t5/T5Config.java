package io.expertize.zoo.t5;

import io.expertize.nn.RelativePositionBuckets;

/**
 * Shape and regularisation of a T5 encoder-decoder. The attention width is {@code heads * dKv},
 * independent of {@code dModel} (T5 v1.1 small: 6 x 64 = 384 against 512). The compact
 * constructor names the constraint a bad combination breaks. Write one with {@link #builder()}, or
 * reduce a named one with {@link #toBuilder()}:
 *
 * <pre>{@code
 * T5Config tiny = T5Models.T5_SMALL.toBuilder().dModel(32).dFf(64).heads(4).dKv(8).layers(1).vocab(16).build();
 * }</pre>
 *
 * @param tiedOutput whether the output projection is the input embedding (T5 1.0, scaled by
 *     {@code dModel^-0.5}) or an own {@code lm_head} (v1.1, ByT5)
 */
public record T5Config(
    int dModel, int dFf, int heads, int dKv, int encoderLayers, int decoderLayers, int vocab,
    FeedForwardKind feedForward, boolean tiedOutput, int relativeBuckets, int relativeMaxDistance,
    double dropout, double layerNormEps) {

  public T5Config {
    require(dModel > 0, "d_model must be positive, got " + dModel);
    require(dFf > 0, "d_ff must be positive, got " + dFf);
    require(heads > 0, "heads must be positive, got " + heads);
    require(dKv > 0, "d_kv must be positive, got " + dKv);
    require(encoderLayers > 0 && decoderLayers > 0,
        "encoder and decoder need at least one layer each, got " + encoderLayers + " / " + decoderLayers);
    require(vocab > T5Model.EOS_ID, "the vocabulary must hold pad (0) and eos (1), got " + vocab);
    require(feedForward != null, "feed-forward kind must be RELU or GATED_GELU");
    require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
    require(layerNormEps > 0, "layer norm eps must be positive, got " + layerNormEps);
    try {
      RelativePositionBuckets.validate(relativeBuckets, relativeMaxDistance);
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
    return new Builder().dModel(dModel).dFf(dFf).heads(heads).dKv(dKv).encoderLayers(encoderLayers)
        .decoderLayers(decoderLayers).vocab(vocab).feedForward(feedForward).tiedOutput(tiedOutput)
        .relativeBuckets(relativeBuckets).relativeMaxDistance(relativeMaxDistance).dropout(dropout)
        .layerNormEps(layerNormEps);
  }

  /** Width of the attention's q, k, v outputs and o input. */
  public int innerDim() {
    return heads * dKv;
  }

  /** The same shape with another dropout rate (0 for exact forward comparisons). */
  public T5Config withDropout(double rate) {
    return toBuilder().dropout(rate).build();
  }

  /** The fields of a {@link T5Config} by name; {@link #build()} validates them together. */
  public static final class Builder {
    private Integer dModel;
    private Integer dFf;
    private Integer heads;
    private int dKv = 64;
    private Integer encoderLayers;
    private Integer decoderLayers;
    private Integer vocab;
    private FeedForwardKind feedForward;
    private Boolean tiedOutput;
    private int relativeBuckets = 32;
    private int relativeMaxDistance = 128;
    private double dropout = 0.1;
    private double layerNormEps = 1e-6;

    private Builder() {}

    /** Width of the residual stream; no default. */
    public Builder dModel(int dModel) {
      this.dModel = dModel;
      return this;
    }

    /** Inner width of the feed-forward layers; no default. */
    public Builder dFf(int dFf) {
      this.dFf = dFf;
      return this;
    }

    /** Attention heads; no default. */
    public Builder heads(int heads) {
      this.heads = heads;
      return this;
    }

    /** Width of each head's keys and values. */
    public Builder dKv(int dKv) {
      this.dKv = dKv;
      return this;
    }

    /** Layers of both stacks. */
    public Builder layers(int layers) {
      return encoderLayers(layers).decoderLayers(layers);
    }

    public Builder encoderLayers(int encoderLayers) {
      this.encoderLayers = encoderLayers;
      return this;
    }

    public Builder decoderLayers(int decoderLayers) {
      this.decoderLayers = decoderLayers;
      return this;
    }

    /** Vocabulary size, pad (0) and eos (1) included; no default. */
    public Builder vocab(int vocab) {
      this.vocab = vocab;
      return this;
    }

    /** RELU (T5 1.0) or GATED_GELU (v1.1, ByT5); no default. */
    public Builder feedForward(FeedForwardKind feedForward) {
      this.feedForward = feedForward;
      return this;
    }

    /** Whether the output projection is the input embedding (T5 1.0) or an own lm_head (v1.1, ByT5); no default. */
    public Builder tiedOutput(boolean tiedOutput) {
      this.tiedOutput = tiedOutput;
      return this;
    }

    public Builder relativeBuckets(int relativeBuckets) {
      this.relativeBuckets = relativeBuckets;
      return this;
    }

    public Builder relativeMaxDistance(int relativeMaxDistance) {
      this.relativeMaxDistance = relativeMaxDistance;
      return this;
    }

    public Builder dropout(double dropout) {
      this.dropout = dropout;
      return this;
    }

    public Builder layerNormEps(double layerNormEps) {
      this.layerNormEps = layerNormEps;
      return this;
    }

    public T5Config build() {
      require(dModel != null, "d_model (dModel) has no default: set it");
      require(dFf != null, "d_ff (dFf) has no default: set it");
      require(heads != null, "the head count (heads) has no default: set it");
      require(encoderLayers != null && decoderLayers != null, "the layers of each stack have no default: set them");
      require(vocab != null, "the vocabulary size (vocab) has no default: set it");
      require(tiedOutput != null, "tiedOutput has no default: set it");
      return new T5Config(dModel, dFf, heads, dKv, encoderLayers, decoderLayers, vocab, feedForward, tiedOutput,
          relativeBuckets, relativeMaxDistance, dropout, layerNormEps);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid T5 configuration: " + message);
    }
  }
}
