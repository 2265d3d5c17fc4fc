package io.expertize.cli;

import static io.expertize.cli.CliEndToEndTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expertize.export.SavedModelInspector;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code expertize quickstart} does what the README says: trains with expert sets, exports dense into
 * the run directory, and reports the export's top-1 as served through TensorFlow's loader, which is
 * the trained model's, with the dense parameter count. Cut to one narrow block and 30 steps.
 */
class QuickstartCliTest {
  private static final Pattern SERVED = Pattern.compile("test top-1 ([0-9.]+)% on 10,000 images, ([0-9,]+) parameters");

  @Test
  void trainsWithExpertsExportsDenseAndServesTheSameAccuracy(@TempDir Path tmp) throws Exception {
    Path run = tmp.resolve("qs");
    CliEndToEndTest.Outcome o = cli("quickstart", "--out", run.toString(),
        "--set", "model.dim=32", "--set", "model.depth=1", "--set", "train.steps=30");
    assertThat(o.code()).as(o.err()).isZero();

    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertThat(summary.get("scheme").asText()).as("the quickstart trains with experts").isNotEqualTo("dense");
    assertThat(summary.get("params_training").asLong()).isGreaterThan(summary.get("params").asLong());

    Path export = run.resolve("export/vit_quickstart/1");
    assertThat(SavedModelInspector.isSavedModel(export)).isTrue();
    assertThat(o.out()).contains("exported dense: " + export);

    Matcher served = SERVED.matcher(o.out());
    assertThat(served.find()).as(o.out()).isTrue();
    assertThat(Long.parseLong(served.group(2).replace(",", ""))).isEqualTo(summary.get("params").asLong());
    assertThat(Double.parseDouble(served.group(1)))
        .as("served top-1 = the run's own evaluation on the same 10,000 images")
        .isEqualTo(Math.round(10_000 * summary.get("eval_top1").asDouble()) / 100.0);
  }
}
