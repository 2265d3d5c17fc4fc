package io.expertize.experiments.bench;

import io.expertize.data.DatasetSplits;
import io.expertize.data.FashionMnist;
import io.expertize.data.ImageDataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** The image folders {@code expertize bench data} reads: Fashion-MNIST as 28x28 PNGs, and 224x224 JPEG photos' stand-ins. */
public final class DataBenchFixtures {
  private DataBenchFixtures() {}

  /** The first {@code train} and {@code test} Fashion-MNIST images as PNG files under {@code dir}/{train,test}/<label>/. */
  public static Path fashionMnistPngs(Path dir, int train, int test) {
    DatasetSplits fashion = FashionMnist.load(FashionMnist.locate(java.util.Optional.empty()), train, test);
    writePngs(fashion.train(), dir.resolve("train"));
    writePngs(fashion.test(), dir.resolve("test"));
    return dir;
  }

  /**
   * {@code train} + {@code test} RGB JPEGs (quality: ImageIO's default, 0.75) of {@code size}x{@code size}: smooth
   * colour fields with fine noise, which compress and decode about as photographs do, in two classes.
   */
  public static Path jpegs(Path dir, int train, int test, int size) {
    Random random = new Random(2026);
    for (int i = 0; i < train + test; i++) {
      BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
      int r0 = random.nextInt(256);
      int g0 = random.nextInt(256);
      int b0 = random.nextInt(256);
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int n = random.nextInt(24);
          int r = (r0 + x / 2 + n) & 0xFF;
          int g = (g0 + y / 2 + n) & 0xFF;
          int b = (b0 + (x + y) / 4 + n) & 0xFF;
          image.setRGB(x, y, (r << 16) | (g << 8) | b);
        }
      }
      String split = i < train ? "train" : "test";
      write(image, "jpeg", dir.resolve(split + "/" + (i % 2) + "/" + String.format("%05d.jpg", i)));
    }
    return dir;
  }

  private static void writePngs(ImageDataset split, Path dir) {
    for (int i = 0; i < split.size(); i++) {
      BufferedImage png = new BufferedImage(split.width(), split.height(), BufferedImage.TYPE_BYTE_GRAY);
      for (int p = 0; p < split.shape().pixels(); p++) {
        png.getRaster().setSample(p % split.width(), p / split.width(), 0, Math.round(split.pixel(i, p) * 255));
      }
      write(png, "png", dir.resolve(split.label(i) + "/" + String.format("%05d.png", i)));
    }
  }

  private static void write(BufferedImage image, String format, Path file) {
    try {
      Files.createDirectories(file.getParent());
      ImageIO.write(image, format, file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
