package io.expertize.zoo.t5;

import io.expertize.nn.RelativePositionBuckets;

/**
 * Shape and regularisation of a T5 encoder-decoder. The attention width is {@code heads * dKv},
 * independent of {@code dModel} (T5 v1.1 small: 6 x 64 = 384 against 512). The compact
 * constructor names the constraint a bad combination breaks.
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

  /** The reference settings shared by every named T5: d_kv 64, 32 buckets up to 128, eps 1e-6, dropout 0.1. */
  static T5Config reference(int dModel, int dFf, int heads, int encoderLayers, int decoderLayers, int vocab,
      FeedForwardKind feedForward, boolean tiedOutput) {
    return new T5Config(dModel, dFf, heads, 64, encoderLayers, decoderLayers, vocab, feedForward, tiedOutput,
        32, 128, 0.1, 1e-6);
  }

  /** Width of the attention's q, k, v outputs and o input. */
  public int innerDim() {
    return heads * dKv;
  }

  /** This config with the given sizes in place of its own; validated as one new config. */
  public T5Config resized(T5Sizes s) {
    return new T5Config(or(s.dModel(), dModel), or(s.dFf(), dFf), or(s.heads(), heads), or(s.dKv(), dKv),
        or(s.encoderLayers(), encoderLayers), or(s.decoderLayers(), decoderLayers), or(s.vocab(), vocab),
        feedForward, tiedOutput, relativeBuckets, relativeMaxDistance, dropout, layerNormEps);
  }

  /** The same shape with another dropout rate (0 for exact forward comparisons). */
  public T5Config withDropout(double rate) {
    return new T5Config(dModel, dFf, heads, dKv, encoderLayers, decoderLayers, vocab, feedForward, tiedOutput,
        relativeBuckets, relativeMaxDistance, rate, layerNormEps);
  }

  private static int or(int override, int own) {
    return override != 0 ? override : own;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid T5 configuration: " + message);
    }
  }
}
