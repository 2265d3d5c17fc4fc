package io.expertize.data;

/**
 * The shape of one image, stored HWC (row-major, channels last).
 *
 * @param height rows, positive
 * @param width columns, positive
 * @param channels channels per pixel, positive
 */
public record ImageShape(int height, int width, int channels) {

  public ImageShape {
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "image shape must be positive, got height=" + height + " width=" + width
              + " channels=" + channels);
    }
  }

  /** Pixels per image ({@code height * width}). */
  public int pixels() {
    return height * width;
  }

  /** Values per image ({@code height * width * channels}). */
  public int size() {
    return height * width * channels;
  }
}
