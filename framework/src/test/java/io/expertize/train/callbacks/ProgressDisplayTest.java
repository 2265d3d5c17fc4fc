package io.expertize.train.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.train.EvalMetrics;
import io.expertize.train.ExampleUnit;
import io.expertize.train.RunInfo;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainingSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Off a terminal the display prints one plain line per log step, never a redrawn bar; throughput is
 * in the task's unit (images for an image run, sequences for a text run).
 */
class ProgressDisplayTest {

  @Test
  void plainLinesWhenNotATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    display.onStart(new RunInfo("vit_quickstart", "dense", 1234, 1234, 0, 100, 50));
    for (long step = 0; step < 100; step++) {
      display.onStep(new StepMetrics(step, (int) (step / 50), 2.0 - step / 100.0, 1e-3, 1.0, 500, (step + 1) % 50 == 0));
    }
    display.onEval(new EvalMetrics(100, 1, 0.8765, 0.4, 10_000));
    display.onEnd(new TrainingSummary("vit_quickstart", "dense", 1, "", java.util.List.of(), 1234, 1234, 100, 2, 0.8765, 500, "images", 12, null, java.util.List.of(), 0));
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");

    assertThat(lines).hasSize(5);
    assertThat(lines[0]).contains("vit_quickstart").contains("1,234 parameters");
    assertThat(lines[1]).startsWith("step 50/100").contains("loss 1.5100").contains("lr 1.000e-03").contains("500 img/s")
        .contains("eta");
    assertThat(lines[2]).startsWith("step 100/100");
    assertThat(lines[3]).contains("top-1 87.65%");
    assertThat(lines[4]).contains("500 images/s").contains("test top-1 87.65%");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
  }

  @Test
  void aTextRunCountsSequencesAndItsEvaluationTargetTokens() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    display.onStart(new RunInfo("t5_tiny_fortunes", "dense", 1234, 1234, 0, 10, 5, ExampleUnit.SEQUENCES));
    for (long step = 0; step < 10; step++) {
      display.onStep(new StepMetrics(step, (int) (step / 5), 3.0, 1e-3, 1.0, 160, (step + 1) % 5 == 0));
    }
    display.onEval(new EvalMetrics(10, 1, 0.34, 2.4, 26_680, "target tokens"));
    display.onEnd(new TrainingSummary("t5_tiny_fortunes", "dense", 1, "", java.util.List.of(), 1234, 1234, 10, 2, 0.34,
        160, ExampleUnit.SEQUENCES.plural(), 12, null, java.util.List.of(), 0));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out).contains("160 seq/s").contains("on 26680 target tokens").contains("160 sequences/s")
        .doesNotContain("img").doesNotContain("images");
  }
}
