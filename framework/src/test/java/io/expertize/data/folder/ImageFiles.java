package io.expertize.data.folder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Fixture images written through ImageIO: grey or RGB, seeded random pixels. */
public final class ImageFiles {
  private ImageFiles() {}

  /** A {@code height x width} image, grey ({@code channels} 1) or RGB, in the format of the file's extension. */
  public static BufferedImage write(Path file, int height, int width, int channels, long seed) {
    BufferedImage image = new BufferedImage(width, height,
        channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    Random random = new Random(seed);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (channels == 1) {
          image.getRaster().setSample(x, y, 0, random.nextInt(256));
        } else {
          image.setRGB(x, y, random.nextInt(1 << 24));
        }
      }
    }
    return write(file, image);
  }

  public static BufferedImage write(Path file, BufferedImage image) {
    String name = file.getFileName().toString();
    String format = name.substring(name.lastIndexOf('.') + 1);
    try {
      Files.createDirectories(file.getParent());
      if (!ImageIO.write(image, format.equals("jpg") ? "jpeg" : format, file.toFile())) {
        throw new IllegalArgumentException("ImageIO has no writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return image;
  }
}
