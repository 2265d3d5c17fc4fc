package io.expertize.train.plots;

import io.expertize.train.io.DurableFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;

/** What the plots share: off-screen AWT, one palette, axes and line styles, and the atomic PNG write. */
final class Figures {

  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  static final Font SMALL_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 9);

  /** A curve needs no more points than the image has pixels across; more only slow the drawing down. */
  static final int MAX_POINTS = 1000;

  /** Matplotlib's "tab10": the colours readers of the papers' figures know; series i always gets colour i. */
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
  };

  private Figures() {}

  /**
   * Training runs on servers with no display, where AWT must draw off-screen. Call before the first
   * AWT or JFreeChart use: the JDK reads the property once. An explicit {@code -Djava.awt.headless} wins.
   */
  static void useHeadlessAwt() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Colour of series {@code i}; beyond the palette, hues spaced by the golden angle stay distinct. */
  static Color colour(int i) {
    return i < PALETTE.length ? PALETTE[i] : Color.getHSBColor((i * 0.618034f) % 1f, 0.7f, 0.8f);
  }

  /** {@code points} as a series, thinned to {@link #MAX_POINTS} (always keeping the last); non-finite values left out. */
  static <T> XYSeries series(String key, List<T> points, ToLongFunction<T> x, ToDoubleFunction<T> y) {
    XYSeries s = new XYSeries(key);
    int stride = Math.max(1, (points.size() + MAX_POINTS - 1) / MAX_POINTS);
    for (int i = 0; i < points.size(); i++) {
      double value = y.applyAsDouble(points.get(i));
      if ((i % stride == 0 || i == points.size() - 1) && Double.isFinite(value)) {
        s.add(x.applyAsLong(points.get(i)), value);
      }
    }
    return s;
  }

  static NumberAxis stepAxis(String label) {
    NumberAxis axis = axis(label);
    axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    return axis;
  }

  /** A value axis fitted to the data, not stretched down to zero. */
  static NumberAxis axis(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(false);
    axis.setTickLabelFont(TICKS);
    axis.setLabelFont(SMALL_TITLE);
    return axis;
  }

  /** Lines for {@code count} series coloured from palette entry {@code firstColour} on. */
  static XYLineAndShapeRenderer lines(int firstColour, int count) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < count; i++) {
      r.setSeriesPaint(i, colour(firstColour + i));
      r.setSeriesStroke(i, new BasicStroke(2f));
    }
    return r;
  }

  static JFreeChart chart(String title, Font font, Plot plot, boolean legend) {
    JFreeChart chart = new JFreeChart(title, font, plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** An opaque white image of the given size with {@code painter}'s drawing on it. */
  static BufferedImage render(int width, int height, Consumer<Graphics2D> painter) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      painter.accept(g);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Writes {@code image} as PNG so that a viewer refreshing it during the run never sees half a file. */
  static void writePng(BufferedImage image, Path target) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", png)) {
      throw new IOException("no PNG writer in this Java runtime");
    }
    DurableFiles.writeAtomically(target, png.toByteArray());
  }
}
