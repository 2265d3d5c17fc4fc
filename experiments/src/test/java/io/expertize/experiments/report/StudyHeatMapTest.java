package io.expertize.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heat map of a real two-axis study: the where-it-helps results kept in this repository. */
class StudyHeatMapTest {
  private static final Path KEPT = Path.of("results/where-it-helps");

  @Test
  void aTwoAxisStudyGetsOnePanelPerArmWithEveryComparisonLabelled(@TempDir Path tmp) throws Exception {
    StudyResults r = StudyResults.read(KEPT);
    assertThat(StudyHeatMap.applies(r)).isTrue();
    Path png = tmp.resolve("heatmap.png");

    StudyHeatMap.write(r, png);

    BufferedImage image = ImageIO.read(png.toFile());
    long arms = r.comparisons().stream().map(c -> c.arm().arm()).distinct().count();
    assertThat(arms).isEqualTo(2); // mb and ewa against dense
    assertThat(image.getWidth()).isEqualTo(arms * StudyHeatMap.PANEL_WIDTH);
    assertThat(image.getHeight()).isEqualTo(StudyHeatMap.HEIGHT);
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }

  @Test
  void theReportOfATwoAxisStudyLinksItsHeatMap(@TempDir Path tmp) throws Exception {
    StudyResults kept = StudyResults.read(KEPT);
    StudyResults copy = new StudyResults(kept.study(), tmp, kept.baseline(), kept.text(), kept.metrics(), kept.cells(),
        kept.groups(), kept.comparisons());

    List<Path> written = StudyReport.write(copy);

    assertThat(written).contains(tmp.resolve("heatmap.png"));
    assertThat(Files.readString(tmp.resolve("report.md"))).contains("(heatmap.png)");
  }
}
