package io.expertize.train.plots;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpertWeightsPlotTest {

  @TempDir Path dir;

  @Test
  void aGridOfPanelsFourAcross() throws IOException {
    Path png = dir.resolve("expert_weights.png");
    assertThat(ExpertWeightsPlot.write(PlotData.history(400, 5, 3, false), ExpertWeightsPlot.WEIGHTS, png)).isTrue();

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(4 * ExpertWeightsPlot.PANEL_WIDTH);
    assertThat(image.getHeight()).isEqualTo(ExpertWeightsPlot.HEADER_HEIGHT + 2 * ExpertWeightsPlot.PANEL_HEIGHT);
    assertThat(ExpertWeightsPlot.size(2)).isEqualTo(new java.awt.Dimension(
        2 * ExpertWeightsPlot.PANEL_WIDTH, ExpertWeightsPlot.HEADER_HEIGHT + ExpertWeightsPlot.PANEL_HEIGHT));
  }

  @Test
  void everyLayersPanelHasALinePerExpertAndTheRestOfTheGridIsBlank() {
    int layers = 5;
    int experts = 3;
    RunHistory history = PlotData.history(400, layers, experts, false);
    BufferedImage image = ExpertWeightsPlot.draw(ExpertWeightsPlot.WEIGHTS, history.diagnostic(ExpertWeightsPlot.WEIGHTS));

    for (int cell = 0; cell < 8; cell++) {
      Rectangle area = cell(cell);
      if (cell < layers) {
        for (int expert = 0; expert < experts; expert++) {
          assertThat(Pixels.count(image, Figures.colour(expert), area)).as("layer %d, expert %d", cell, expert).isGreaterThan(40);
        }
        assertThat(Pixels.distinctColours(image, area)).as("layer %d", cell).isGreaterThan(20);
      } else {
        assertThat(Pixels.distinctColours(image, area)).as("empty cell %d", cell).isEqualTo(1);
        assertThat(Pixels.count(image, Color.WHITE, area)).isEqualTo(area.width * area.height);
      }
    }
    Rectangle header = new Rectangle(image.getWidth(), ExpertWeightsPlot.HEADER_HEIGHT);
    for (int expert = 0; expert < experts; expert++) {
      assertThat(Pixels.count(image, Figures.colour(expert), header)).as("legend of expert %d", expert).isPositive();
    }
  }

  @Test
  void aDiagnosticNoLayerReportsWritesNothing() throws IOException {
    Path png = dir.resolve("expert_load.png");
    assertThat(ExpertWeightsPlot.write(PlotData.history(100, 2, 2, false), ExpertWeightsPlot.LOAD, png)).isFalse();
    assertThat(Files.exists(png)).isFalse();
  }

  @Test
  void coloursStayDistinctBeyondThePalette() {
    assertThat(java.util.stream.IntStream.range(0, 32).mapToObj(Figures::colour).distinct()).hasSize(32);
  }

  private static Rectangle cell(int i) {
    return new Rectangle((i % ExpertWeightsPlot.COLUMNS) * ExpertWeightsPlot.PANEL_WIDTH,
        ExpertWeightsPlot.HEADER_HEIGHT + (i / ExpertWeightsPlot.COLUMNS) * ExpertWeightsPlot.PANEL_HEIGHT,
        ExpertWeightsPlot.PANEL_WIDTH, ExpertWeightsPlot.PANEL_HEIGHT);
  }
}
