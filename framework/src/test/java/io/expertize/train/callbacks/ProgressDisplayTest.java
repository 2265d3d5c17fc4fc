package io.expertize.train.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.train.EvalMetrics;
import io.expertize.train.RunInfo;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainingSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Off a terminal the display prints one plain line per log step, never a redrawn bar. */
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
    display.onEnd(new TrainingSummary("vit_quickstart", "dense", 1, "", java.util.List.of(), 1234, 1234, 100, 2, 0.8765, 500, 12, null));
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");

    assertThat(lines).hasSize(5);
    assertThat(lines[0]).contains("vit_quickstart").contains("1,234 parameters");
    assertThat(lines[1]).startsWith("step 50/100").contains("loss 1.5100").contains("lr 1.000e-03").contains("eta");
    assertThat(lines[2]).startsWith("step 100/100");
    assertThat(lines[3]).contains("top-1 87.65%");
    assertThat(lines[4]).contains("test top-1 87.65%");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
  }
}
