package io.expertize.data.folder;

/** One encoded image (PNG, JPEG, BMP or GIF bytes) with its label, from a file or a record. */
public interface EncodedImage {
  /** Where the bytes come from (a file, or a file and record index), as messages name it. */
  String source();

  /** The encoded bytes, read when asked (an image file is read only when it is decoded). */
  byte[] bytes();

  /** The class label, 0 .. classes - 1. */
  int label();
}
