package com.example.rows;

import io.expertize.nn.ImageClassifierSpec;
import io.expertize.registry.ModelRequest;

/**
 * What a {@link RowTransformer} is built for and how wide and deep: square images of {@code input.size()} rows of
 * {@code input.size()} pixels with {@code input.channels()} channels, {@code width}-wide tokens, {@code blocks}
 * encoder blocks.
 */
public record RowTransformerConfig(ModelRequest.Images input, int width, int blocks) implements ImageClassifierSpec {
  /** Fashion-MNIST (28 rows of 28 grey pixels, 10 classes), width 32, 2 blocks. */
  public static final RowTransformerConfig FASHION_MNIST = new RowTransformerConfig(new ModelRequest.Images(28, 1, 10), 32, 2);

  @Override
  public int imageSize() {
    return input.size();
  }

  @Override
  public int channels() {
    return input.channels();
  }

  @Override
  public int numClasses() {
    return input.numClasses();
  }

  /** The length of one row token: its pixels times channels. */
  long pixelsPerRow() {
    return (long) input.size() * input.channels();
  }
}
