package io.expertize.train.plots;

import io.expertize.train.EvalMetrics;
import io.expertize.train.plots.RunHistory.Loss;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Training loss at the log steps and evaluation loss on one panel, evaluation top-1 on a second, over
 * one shared step axis: whether the run learns, and whether it overfits, at a glance.
 */
public final class LossCurvesPlot {
  public static final int WIDTH = 900;
  public static final int HEIGHT = 600;

  /** Palette entries: evaluation has one colour on both panels. */
  static final int TRAIN_COLOUR = 0;
  static final int EVAL_COLOUR = 1;

  private LossCurvesPlot() {}

  public static void write(RunHistory history, Path png) throws IOException {
    Figures.writePng(draw(history, null), png);
  }

  /** @param info receives the panels' data areas (tests look for the curves there); may be null */
  static BufferedImage draw(RunHistory history, ChartRenderingInfo info) {
    Figures.useHeadlessAwt();
    XYSeriesCollection losses = new XYSeriesCollection();
    losses.addSeries(Figures.series("train loss", history.trainLoss(), Loss::step, Loss::loss));
    losses.addSeries(Figures.series("eval loss", history.evals(), EvalMetrics::step, EvalMetrics::loss));
    XYLineAndShapeRenderer lossLines = Figures.lines(TRAIN_COLOUR, 2);
    lossLines.setSeriesShapesVisible(1, true); // few evaluations: a single one has no line to show

    XYSeriesCollection top1 = new XYSeriesCollection(
        Figures.series("eval top-1", history.evals(), EvalMetrics::step, e -> 100 * e.top1()));
    XYLineAndShapeRenderer top1Lines = Figures.lines(EVAL_COLOUR, 1);
    top1Lines.setSeriesShapesVisible(0, true);

    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(Figures.stepAxis("step"));
    plot.setGap(12);
    plot.add(new XYPlot(losses, null, Figures.axis("loss"), lossLines), 3);
    plot.add(new XYPlot(top1, null, Figures.axis("top-1 (%)"), top1Lines), 2);
    var chart = Figures.chart("loss and top-1", Figures.TITLE, plot, true);
    return Figures.render(WIDTH, HEIGHT, g -> chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT), info));
  }
}
