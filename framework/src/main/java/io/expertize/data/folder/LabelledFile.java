package io.expertize.data.folder;

import io.expertize.data.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One image file and the label of the class folder it lies in. */
record LabelledFile(Path file, int label) implements EncodedImage {
  @Override
  public String source() {
    return file.toString();
  }

  @Override
  public byte[] bytes() {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
