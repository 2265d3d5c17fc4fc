package io.expertize.experiments.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * heatmap.png, for a study with exactly two axes: one panel per arm, a cell per pair of axis values,
 * coloured by the arm's mean paired difference from the baseline on the study's first metric (blue:
 * better, red: worse, white: none) and labelled with that difference and its 95% interval. This is
 * the "where does it help" picture: the whole grid at a glance.
 */
final class StudyHeatMap {
  static final int PANEL_WIDTH = 520;
  static final int HEIGHT = 560;
  private static final int SHADES = 50;

  private StudyHeatMap() {}

  /** Whether the study has the two axes a heat map needs. */
  static boolean applies(StudyResults r) {
    return r.study().axes().size() == 2;
  }

  static void write(StudyResults r, Path png) throws IOException {
    StudyChart.headless();
    List<String> keys = List.copyOf(r.study().axes().keySet());
    List<String> xs = r.study().axes().get(keys.get(0)).stream().map(String::valueOf).toList();
    List<String> ys = r.study().axes().get(keys.get(1)).stream().map(String::valueOf).toList();
    Metric metric = r.metrics().get(0);
    List<Comparison> shown = r.comparisons().stream().filter(c -> c.arm().metric() == metric).toList();
    double scale = Math.max(0.5, shown.stream().mapToDouble(c -> Math.abs(metric.shown(c.difference().mean())))
        .filter(Double::isFinite).max().orElse(0));

    SymbolAxis yAxis = new SymbolAxis(keys.get(1), ys.toArray(String[]::new));
    CombinedRangeXYPlot combined = new CombinedRangeXYPlot(yAxis);
    List<String> arms = shown.stream().map(c -> c.arm().arm()).distinct().toList();
    for (String arm : arms) {
      combined.add(panel(arm, r.baseline(), shown, keys, xs, ys, metric, scale));
    }
    String title = String.format("%s: %s, arm - %s (paired by seed; mean and 95%% CI)", r.study().name(),
        metric.label(r.text()), r.baseline());
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), combined, false);
    chart.setBackgroundPaint(Color.WHITE);
    StudyChart.writePng(chart, Math.max(1, arms.size()) * PANEL_WIDTH, HEIGHT, png);
  }

  private static XYPlot panel(String arm, String baseline, List<Comparison> shown, List<String> keys, List<String> xs, List<String> ys,
      Metric metric, double scale) {
    DefaultXYZDataset data = new DefaultXYZDataset();
    XYPlot plot = new XYPlot();
    int n = xs.size() * ys.size();
    double[][] cells = new double[3][n];
    int i = 0;
    for (int x = 0; x < xs.size(); x++) {
      for (int y = 0; y < ys.size(); y++, i++) {
        cells[0][i] = x;
        cells[1][i] = y;
        cells[2][i] = Double.NaN;
        Comparison c = find(shown, arm, Map.of(keys.get(0), xs.get(x), keys.get(1), ys.get(y)));
        if (c != null) {
          double mean = metric.shown(c.difference().mean());
          cells[2][i] = metric.higherIsBetter() ? mean : -mean; // the colour says better or worse, whatever the metric
          plot.addAnnotation(label(String.format("%+.2f", mean), x, y + 0.12, 16, Font.BOLD));
          plot.addAnnotation(label(c.difference().n() < 2 ? "n=" + c.difference().n()
              : String.format("[%+.2f, %+.2f] n=%d", metric.shown(c.difference().low()), metric.shown(c.difference().high()),
                  c.difference().n()), x, y - 0.15, 12, Font.PLAIN));
        }
      }
    }
    data.addSeries(arm, cells);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(paintScale(scale));
    plot.setDataset(data);
    plot.setRenderer(renderer);
    SymbolAxis xAxis = new SymbolAxis(arm + " - " + baseline + ", by " + keys.get(0), xs.toArray(String[]::new));
    plot.setDomainAxis(xAxis);
    plot.setBackgroundPaint(Color.LIGHT_GRAY); // cells without a comparison
    return plot;
  }

  private static Comparison find(List<Comparison> shown, String arm, Map<String, String> axes) {
    return shown.stream().filter(c -> c.arm().arm().equals(arm) && c.arm().axes().equals(axes)).findFirst().orElse(null);
  }

  private static XYTextAnnotation label(String text, double x, double y, int size, int style) {
    XYTextAnnotation a = new XYTextAnnotation(text, x, y);
    a.setFont(new Font(Font.SANS_SERIF, style, size));
    return a;
  }

  /** Red (worse) through white to blue (better), symmetric in [-scale, +scale]. */
  private static LookupPaintScale paintScale(double scale) {
    LookupPaintScale s = new LookupPaintScale(-scale, scale + 1e-9, Color.WHITE);
    for (int k = 0; k <= 2 * SHADES; k++) {
      double v = -scale + k * scale / SHADES;
      float t = (float) Math.min(1, Math.abs(v) / scale);
      Color c = v < 0 ? new Color(1f, 1f - 0.75f * t, 1f - 0.75f * t) : new Color(1f - 0.75f * t, 1f - 0.55f * t, 1f);
      s.add(v, c);
    }
    return s;
  }
}
