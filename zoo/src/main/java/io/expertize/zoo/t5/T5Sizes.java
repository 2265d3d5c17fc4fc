package io.expertize.zoo.t5;

/**
 * Size overrides for a named T5 (reduced sizes for training here); 0 keeps the named config's own.
 * Applied with {@link T5Config#resized}, which validates the result as a whole.
 */
public record T5Sizes(int dModel, int dFf, int heads, int dKv, int encoderLayers, int decoderLayers, int vocab) {

  /** One size for both stacks. */
  public static T5Sizes of(int dModel, int dFf, int heads, int dKv, int layers, int vocab) {
    return new T5Sizes(dModel, dFf, heads, dKv, layers, layers, vocab);
  }
}
