package com.example.rows;

import io.expertize.nn.ImageClassifierSpec;

/**
 * What a {@link RowTransformer} is built for and how wide and deep: square images of {@code imageSize} rows of
 * {@code imageSize} pixels with {@code channels} channels in {@code numClasses} classes, {@code width}-wide
 * tokens, {@code blocks} encoder blocks.
 */
public record RowTransformerConfig(int imageSize, int channels, int numClasses, int width, int blocks)
    implements ImageClassifierSpec {
  /** Fashion-MNIST (28 rows of 28 grey pixels, 10 classes), width 32, 2 blocks. */
  public static final RowTransformerConfig FASHION_MNIST = new RowTransformerConfig(28, 1, 10, 32, 2);

  /** The length of one row token: its pixels times channels. */
  long pixelsPerRow() {
    return (long) imageSize * channels;
  }
}
