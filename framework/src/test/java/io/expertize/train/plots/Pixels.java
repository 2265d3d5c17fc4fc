package io.expertize.train.plots;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/** Pixel counts that tell a drawn plot from a blank or broken one. */
final class Pixels {
  private Pixels() {}

  /** Pixels of exactly {@code colour} inside {@code area}: the cores of the lines drawn in it. */
  static int count(BufferedImage image, Color colour, Rectangle2D area) {
    Rectangle r = area.getBounds().intersection(new Rectangle(image.getWidth(), image.getHeight()));
    int n = 0;
    for (int y = r.y; y < r.y + r.height; y++) {
      for (int x = r.x; x < r.x + r.width; x++) {
        if ((image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff)) {
          n++;
        }
      }
    }
    return n;
  }

  static int distinctColours(BufferedImage image, Rectangle2D area) {
    Rectangle r = area.getBounds().intersection(new Rectangle(image.getWidth(), image.getHeight()));
    Set<Integer> colours = new HashSet<>();
    for (int y = r.y; y < r.y + r.height; y++) {
      for (int x = r.x; x < r.x + r.width; x++) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }

  static Rectangle2D all(BufferedImage image) {
    return new Rectangle(image.getWidth(), image.getHeight());
  }
}
