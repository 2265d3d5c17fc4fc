package io.expertize.experiments.report;

import io.expertize.train.io.DurableFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * report.png: each arm's (and axis values') mean evaluation curve over its seeds, with a band of one
 * standard deviation, against the optimizer step. Steps where some seed has no evaluation are left out.
 */
final class StudyChart {
  static final int WIDTH = 1000;
  static final int HEIGHT = 640;
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
  };

  private StudyChart() {}

  static void write(StudyResults results, Path png) throws IOException {
    headless();
    Metric metric = results.metrics().get(0);
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (Map.Entry<String, List<CellResult>> group : finishedByGroup(results).entrySet()) {
      data.addSeries(meanCurve(group.getKey(), group.getValue(), metric));
    }
    DeviationRenderer renderer = new DeviationRenderer(true, false);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      Color c = i < PALETTE.length ? PALETTE[i] : Color.getHSBColor((i * 0.618034f) % 1f, 0.7f, 0.8f);
      renderer.setSeriesPaint(i, c);
      renderer.setSeriesFillPaint(i, c);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    renderer.setAlpha(0.2f);
    NumberAxis steps = new NumberAxis("step");
    steps.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis values = new NumberAxis(metric.label(results.text()) + ", mean ± std over seeds");
    values.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, steps, values, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart("study " + results.study().name(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    writePng(chart, WIDTH, HEIGHT, png);
  }

  /** Renders {@code chart} and writes it to {@code png} atomically (headless: no display is needed). */
  static void writePng(JFreeChart chart, int width, int height, Path png) throws IOException {
    BufferedImage image = chart.createBufferedImage(width, height);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", bytes)) {
      throw new IOException("no PNG writer in this Java runtime");
    }
    DurableFiles.writeAtomically(png, bytes.toByteArray());
  }

  /** Charts are drawn off screen, on machines without a display. */
  static void headless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static Map<String, List<CellResult>> finishedByGroup(StudyResults results) {
    Map<String, List<CellResult>> groups = new LinkedHashMap<>();
    results.cells().stream().filter(CellResult::done)
        .forEach(c -> groups.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(c));
    return groups;
  }

  private static YIntervalSeries meanCurve(String group, List<CellResult> seeds, Metric metric) {
    TreeMap<Long, SummaryStatistics> bySteps = new TreeMap<>();
    for (CellResult c : seeds) {
      for (CellResult.Eval e : c.curve()) {
        bySteps.computeIfAbsent(e.step(), k -> new SummaryStatistics())
            .addValue(metric.shown(metric == Metric.TOP1 ? e.top1() : e.loss()));
      }
    }
    YIntervalSeries series = new YIntervalSeries(group + " (n=" + seeds.size() + ")");
    bySteps.forEach((step, s) -> {
      if (s.getN() == seeds.size()) {
        double sd = seeds.size() < 2 ? 0 : s.getStandardDeviation();
        series.add(step, s.getMean(), s.getMean() - sd, s.getMean() + sd);
      }
    });
    return series;
  }
}
