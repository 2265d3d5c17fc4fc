package io.expertize.zoo.t5;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.graph.ModuleTree;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A tiny T5 learns to copy its input: dense for 50 steps, and a step under its annotated memory bank. */
class T5TrainingTest {
  private static final T5Config TINY = T5Models.T5_SMALL.toBuilder().dModel(32).dFf(64).heads(4).dKv(8).layers(1).vocab(16).dropout(0)
      .build();
  private static final int LENGTH = 8;
  private static final int BATCH = 32;

  /** Encoder: 4..8 random ids then padding; targets: the same ids, eos, padding. */
  private record Batch(int[][] inputs, float[][] mask, int[][] targets) {
    static Batch random(Random r) {
      int[][] inputs = new int[BATCH][LENGTH];
      float[][] mask = new float[BATCH][LENGTH];
      int[][] targets = new int[BATCH][LENGTH + 1];
      for (int b = 0; b < BATCH; b++) {
        int n = 4 + r.nextInt(LENGTH - 3);
        for (int i = 0; i < n; i++) {
          inputs[b][i] = targets[b][i] = 2 + r.nextInt(TINY.vocab() - 2);
          mask[b][i] = 1;
        }
        targets[b][n] = T5Model.EOS_ID;
      }
      return new Batch(inputs, mask, targets);
    }
  }

  @Test
  void denseLossFallsOnACopyTask() {
    Random r = new Random(11);
    float first = 0;
    float last = 0;
    try (T5TestGraph g = T5TestGraph.training(new T5Model(TINY), ExpertPlan.dense(), LENGTH, LENGTH + 1, 1e-2)) {
      for (int step = 0; step < 50; step++) {
        Batch b = Batch.random(r);
        float loss = g.train(step, b.inputs(), b.mask(), b.targets());
        assertThat(loss).isFinite();
        if (step < 5) {
          first += loss / 5;
        } else if (step >= 45) {
          last += loss / 5;
        }
      }
    }
    System.out.printf("T5 copy task: loss %.3f over the first 5 steps, %.3f over the last 5%n", first, last);
    assertThat(first).isBetween(2.0f, 3.5f); // about ln 16 = 2.8 at initialisation
    assertThat(last).isLessThan(0.75f * first);
  }

  @Test
  void memoryBankStepsFromTheAnnotations() {
    T5Model model = new T5Model(TINY);
    ExpertPlan plan = ReflectiveExpertBuilder.build(ModuleTree.of(model), FusionOverrides.none());
    Random r = new Random(12);
    try (T5TestGraph g = T5TestGraph.training(model, plan, LENGTH, LENGTH + 1, 3e-3)) {
      for (int step = 0; step < 3; step++) {
        Batch b = Batch.random(r);
        assertThat(g.train(step, b.inputs(), b.mask(), b.targets())).isFinite();
      }
    }
  }
}
