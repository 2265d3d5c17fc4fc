package io.expertize.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.data.AugmentationSettings;
import io.expertize.data.DatasetSplits;
import io.expertize.experts.ExpertPlan;
import io.expertize.data.FashionMnist;
import io.expertize.testing.TinyClassifier;
import io.expertize.train.io.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run is a pure function of its seed: two runs give the same loss curve, and a run interrupted
 * and resumed from its checkpoint continues exactly like one that never stopped (same step, learning
 * rate, optimizer slots, batches, augmentation and dropout masks).
 */
class TrainerDeterminismTest {
  private static DatasetSplits data;

  @TempDir Path tmp;

  @BeforeAll
  static void loadData() {
    data = FashionMnist.load(FashionMnist.locate(Optional.empty()), 1024, 500);
  }

  private static TrainSettings settings(long seed) {
    // Every augmentation on, so the resumed batches must be reproduced exactly too.
    AugmentationSettings aug = AugmentationSettings.builder().cropPadding(2).hflip(true)
        .randomErasingProb(0.25).mixupAlpha(0.8).cutmixAlpha(1.0).build();
    return TrainSettings.builder().seed(seed).epochs(2).batchSize(64).warmupEpochs(0.5).logEvery(1)
        .checkpointEvery(10).keepCheckpoints(2).evalBatchSize(250).augmentation(aug).build();
  }

  private static List<Double> run(TrainSettings s, RunDirectory dir, boolean resume, long failAfter) {
    List<Double> losses = new ArrayList<>();
    TrainingCallback recorder = new TrainingCallback() {
      @Override
      public void onStep(StepMetrics m) {
        losses.add(m.loss());
        if (m.step() + 1 == failAfter) {
          throw new IllegalStateException("simulated crash after step " + failAfter);
        }
      }
    };
    TrainingJob job = new TrainingJob("tiny", new TinyClassifier(28, 1, 10, 7, 32), ExpertPlan.dense(), data,
        FashionMnist.NORMALIZATION, dir, resume);
    new Trainer(s, List.of(recorder)).fit(job);
    return losses;
  }

  @Test
  void sameSeedSameLossCurveAndOtherSeedDiffers() {
    List<Double> a = run(settings(7), RunDirectory.create(tmp.resolve("a"), false), false, -1);
    List<Double> b = run(settings(7), RunDirectory.create(tmp.resolve("b"), false), false, -1);
    List<Double> c = run(settings(8), RunDirectory.create(tmp.resolve("c"), false), false, -1);
    assertThat(a).hasSize(32).isEqualTo(b);
    assertThat(c).isNotEqualTo(a);
    assertThat(a.get(31)).isLessThan(a.get(0));
  }

  @Test
  void resumedRunContinuesExactly() {
    List<Double> full = run(settings(3), RunDirectory.create(tmp.resolve("full"), false), false, -1);

    RunDirectory interrupted = RunDirectory.create(tmp.resolve("interrupted"), false);
    // checkpoints at steps 10 and 16 (periodic and epoch end); the crash comes at step 23
    assertThatThrownBy(() -> run(settings(3), interrupted, false, 23)).hasMessageContaining("simulated crash");
    List<Double> resumed = run(settings(3), RunDirectory.resume(interrupted.root()), true, -1);

    assertThat(resumed).hasSize(32 - 20).isEqualTo(full.subList(20, 32));
  }
}
