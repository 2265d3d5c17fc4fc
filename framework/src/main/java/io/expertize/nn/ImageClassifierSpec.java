package io.expertize.nn;

/** What an image classifier is built for: square images of a size and channel count, and its classes. */
public interface ImageClassifierSpec {
  int imageSize();

  int channels();

  int numClasses();
}
