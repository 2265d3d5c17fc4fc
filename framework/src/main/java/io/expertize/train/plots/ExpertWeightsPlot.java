package io.expertize.train.plots;

import io.expertize.train.plots.RunHistory.Sample;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.ui.Size2D;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A grid of small panels, one per layer in graph order, each with one line per expert over the steps:
 * the papers' figure of how each layer's mixing weights move during training ("Figure 5"). Drawn for
 * {@link #WEIGHTS} and, with the top-k scheme, for {@link #LOAD} (the fraction of tokens per expert).
 * Expert i has the same colour in every panel, so one legend above the grid serves them all.
 */
public final class ExpertWeightsPlot {
  public static final String WEIGHTS = "expert_weights";
  public static final String LOAD = "load";

  static final int COLUMNS = 4;
  static final int PANEL_WIDTH = 320;
  static final int PANEL_HEIGHT = 220;
  static final int HEADER_HEIGHT = 48;

  private ExpertWeightsPlot() {}

  /**
   * Draws diagnostic {@code name} of every layer that reports it into {@code png}.
   *
   * @return false, writing nothing, when no layer reports it
   */
  public static boolean write(RunHistory history, String name, Path png) throws IOException {
    Map<String, List<Sample>> layers = history.diagnostic(name);
    if (layers.isEmpty()) {
      return false;
    }
    Figures.writePng(draw(name, layers), png);
    return true;
  }

  /** Image size for {@code layers} panels: up to {@link #COLUMNS} across, as many rows as needed. */
  static Dimension size(int layers) {
    int columns = Math.min(layers, COLUMNS);
    int rows = (layers + columns - 1) / columns;
    return new Dimension(columns * PANEL_WIDTH, HEADER_HEIGHT + rows * PANEL_HEIGHT);
  }

  static BufferedImage draw(String name, Map<String, List<Sample>> layers) {
    Figures.useHeadlessAwt();
    List<JFreeChart> panels = layers.entrySet().stream().map(e -> panel(e.getKey(), e.getValue())).toList();
    Dimension size = size(panels.size());
    return Figures.render(size.width, size.height, g -> {
      header(g, name + " per layer (x: step)", panels, size.width);
      for (int i = 0; i < panels.size(); i++) {
        int row = i / COLUMNS;
        int column = i % COLUMNS;
        panels.get(i).draw(g, new Rectangle2D.Double(
            column * PANEL_WIDTH, HEADER_HEIGHT + row * PANEL_HEIGHT, PANEL_WIDTH, PANEL_HEIGHT));
      }
    });
  }

  private static JFreeChart panel(String layer, List<Sample> samples) {
    int experts = samples.stream().mapToInt(s -> s.values().length).max().orElse(0);
    XYSeriesCollection lines = new XYSeriesCollection();
    for (int i = 0; i < experts; i++) {
      int expert = i;
      List<Sample> reporting = samples.stream().filter(s -> s.values().length > expert).toList();
      lines.addSeries(Figures.series("expert " + i, reporting, Sample::step, s -> s.values()[expert]));
    }
    XYPlot plot = new XYPlot(lines, Figures.stepAxis(null), Figures.axis(null), Figures.lines(0, experts));
    return Figures.chart(layer, Figures.SMALL_TITLE, plot, false);
  }

  /** The figure's title, and the legend of the panel with the most experts (its colours are everyone's). */
  private static void header(Graphics2D g, String title, List<JFreeChart> panels, int width) {
    int half = HEADER_HEIGHT / 2;
    draw(new TextTitle(title, Figures.TITLE), g, new Rectangle2D.Double(0, 0, width, half));
    XYPlot widest = panels.stream().map(JFreeChart::getXYPlot)
        .max(Comparator.comparingInt(p -> p.getDataset().getSeriesCount())).orElseThrow();
    draw(new LegendTitle(widest), g, new Rectangle2D.Double(0, half, width, half));
  }

  /** A title outside a chart, centred in {@code area}: a chart lays out its own titles, this one we must. */
  private static void draw(Title title, Graphics2D g, Rectangle2D area) {
    Size2D size = title.arrange(g, new RectangleConstraint(new Range(0, area.getWidth()), new Range(0, area.getHeight())));
    title.draw(g, new Rectangle2D.Double(area.getCenterX() - size.width / 2, area.getCenterY() - size.height / 2,
        size.width, size.height));
  }
}
