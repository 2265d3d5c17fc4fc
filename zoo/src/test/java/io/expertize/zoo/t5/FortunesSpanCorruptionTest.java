package io.expertize.zoo.t5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.expertize.data.text.ByteVocabulary;
import io.expertize.data.text.FortuneFiles;
import io.expertize.data.text.SpanCorruption;
import io.expertize.data.text.SpanCorruptionDataset;
import io.expertize.experts.ExpertPlan;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** A tiny ByT5 on real English text: span corruption of Debian's fortunes, loss going down. */
class FortunesSpanCorruptionTest {
  private static final T5Config TINY = T5Models.BYT5_SMALL.toBuilder().dModel(32).dFf(64).heads(4).dKv(8).layers(1).dropout(0)
      .build();
  private static final int INPUTS = 48;
  private static final int BATCH = 16;
  private static final int STEPS = 40;

  @Test
  void byt5LossFallsOnSpanCorruptedFortunes() {
    assertTrue(Files.isDirectory(FortuneFiles.DEBIAN_DIRECTORY),
        "the Debian package 'fortunes' is needed: apt-get install fortunes (.ci/run installs it)");
    SpanCorruptionDataset data = new SpanCorruptionDataset(
        FortuneFiles.read(FortuneFiles.DEBIAN_DIRECTORY), SpanCorruption.byt5(), INPUTS, 1);
    float first = 0;
    float last = 0;
    try (T5TestGraph g = T5TestGraph.training(new T5Model(TINY), ExpertPlan.dense(), INPUTS, data.targetsLength(), 1e-2)) {
      for (int step = 0; step < STEPS; step++) {
        int[][] inputs = new int[BATCH][];
        int[][] targets = new int[BATCH][];
        float[][] mask = new float[BATCH][INPUTS];
        for (int b = 0; b < BATCH; b++) {
          int[][] example = data.padded((step * BATCH + b) % data.size());
          inputs[b] = example[0];
          targets[b] = example[1];
          for (int i = 0; i < INPUTS; i++) {
            mask[b][i] = inputs[b][i] == ByteVocabulary.PAD ? 0 : 1;
          }
        }
        float loss = g.train(step, inputs, mask, targets);
        if (step < 5) {
          first += loss / 5;
        } else if (step >= STEPS - 5) {
          last += loss / 5;
        }
      }
    }
    System.out.printf("ByT5 on fortunes: loss %.3f over the first 5 steps, %.3f over the last 5 (%d examples of %d bytes)%n",
        first, last, data.size(), INPUTS);
    assertThat(last).isLessThan(0.75f * first);
  }
}
