package io.expertize.train.plots;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurvesPlotTest {

  @TempDir Path dir;

  @Test
  void writesAPngOfTheDocumentedSizeAndNothingElse() throws IOException {
    Path png = dir.resolve("loss_curves.png");
    LossCurvesPlot.write(PlotData.history(500, 2, 4, false), png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(LossCurvesPlot.WIDTH);
    assertThat(image.getHeight()).isEqualTo(LossCurvesPlot.HEIGHT);
    assertThat(Pixels.distinctColours(image, Pixels.all(image))).isGreaterThan(50);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(png); // the temporary file was moved, not left behind
    }
  }

  @Test
  void trainAndEvalLossOnTheFirstPanelTop1OnTheSecond() {
    ChartRenderingInfo info = new ChartRenderingInfo();
    BufferedImage image = LossCurvesPlot.draw(PlotData.history(500, 2, 4, false), info);
    Rectangle2D lossArea = info.getPlotInfo().getSubplotInfo(0).getDataArea();
    Rectangle2D top1Area = info.getPlotInfo().getSubplotInfo(1).getDataArea();

    assertThat(lossArea.getMaxY()).isLessThan(top1Area.getMinY());
    assertThat(Pixels.count(image, Figures.colour(LossCurvesPlot.TRAIN_COLOUR), lossArea)).isGreaterThan(300);
    assertThat(Pixels.count(image, Figures.colour(LossCurvesPlot.EVAL_COLOUR), lossArea)).isGreaterThan(50);
    assertThat(Pixels.count(image, Figures.colour(LossCurvesPlot.EVAL_COLOUR), top1Area)).isGreaterThan(50);
    assertThat(Pixels.count(image, Figures.colour(LossCurvesPlot.TRAIN_COLOUR), top1Area)).isZero();
  }
}
