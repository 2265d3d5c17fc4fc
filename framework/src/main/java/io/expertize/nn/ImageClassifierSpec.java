package io.expertize.nn;

/** What an image classifier is built for: square images of a size and channel count, and its classes. */
public interface ImageClassifierSpec {
  int imageSize();

  int channels();

  int numClasses();

  /**
   * These three values alone, for a model with no configuration type of its own:
   * {@code super(ImageClassifierSpec.of(28, 1, 10))} in a {@link ConfiguredImageClassifier}.
   */
  static ImageClassifierSpec of(int imageSize, int channels, int numClasses) {
    return new Input(imageSize, channels, numClasses);
  }

  /** The spec {@link #of} returns. */
  record Input(int imageSize, int channels, int numClasses) implements ImageClassifierSpec {
    public Input {
      if (imageSize <= 0 || channels <= 0 || numClasses <= 0) {
        throw new IllegalArgumentException("image size, channels and classes must be positive, got "
            + imageSize + ", " + channels + ", " + numClasses);
      }
    }
  }
}
