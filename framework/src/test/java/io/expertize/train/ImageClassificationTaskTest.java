package io.expertize.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.data.AugmentationSettings;
import io.expertize.data.Batch;
import io.expertize.data.DatasetSplits;
import io.expertize.data.EvalBatches;
import io.expertize.data.FashionMnist;
import io.expertize.data.ImageShape;
import io.expertize.data.TrainBatches;
import io.expertize.experts.ExpertPlan;
import io.expertize.testing.TinyClassifier;
import io.expertize.train.io.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The task refactor kept the image protocol: the Trainer on an ImageClassificationTask computes,
 * bit for bit, what a loop computes that feeds the graph by the names it always had ({@code images},
 * {@code targets}, {@code step}, {@code learning_rate}, {@code progress}; {@code train/loss},
 * {@code train/train_op}, {@code eval/classes}, {@code eval/loss_sum}) from the image batches.
 */
class ImageClassificationTaskTest {
  private static final DatasetSplits DATA = FashionMnist.load(FashionMnist.locate(Optional.empty()), 512, 300);
  private static final int STEPS = 8; // one epoch of 512 images: one evaluation, at the end

  @TempDir Path tmp;

  private static TrainSettings settings() {
    AugmentationSettings aug = AugmentationSettings.builder().cropPadding(2).hflip(true)
        .randomErasingProb(0.25).mixupAlpha(0.8).cutmixAlpha(1.0).build();
    return TrainSettings.builder().seed(5).epochs(2).maxSteps(STEPS).batchSize(64).warmupEpochs(0.5).logEvery(1)
        .keepCheckpoints(1).evalBatchSize(128).augmentation(aug).build();
  }

  private static TinyClassifier model() {
    return new TinyClassifier(28, 1, 10, 7, 16);
  }

  @Test
  void trainerEqualsFeedingTheGraphByName() {
    TrainSettings s = settings();
    List<Double> trainerLosses = new ArrayList<>();
    List<EvalMetrics> trainerEvals = new ArrayList<>();
    TrainingCallback recorder = new TrainingCallback() {
      @Override
      public void onStep(StepMetrics m) {
        trainerLosses.add(m.loss());
      }

      @Override
      public void onEval(EvalMetrics e) {
        trainerEvals.add(e);
      }
    };
    new Trainer(s, List.of(recorder)).fit(new TrainingJob("tiny", model(), ExpertPlan.dense(), DATA,
        FashionMnist.NORMALIZATION, RunDirectory.create(tmp.resolve("run"), false), false));

    List<Double> byName = new ArrayList<>();
    EvalMetrics evalByName;
    TrainBatches train = new TrainBatches(DATA.train(), s.batchSize(), s.seed(), FashionMnist.NORMALIZATION, s.augmentation());
    LearningRateSchedule schedule = s.schedule(train.batchesPerEpoch());
    try (TrainingGraph<ImageClassificationGraph> graph = TrainingGraph.build(model(), s.seed(),
            new TrainingGraph.StepSettings(s.optimizer(), s.gradClip()));
        Session session = new Session(graph.graph)) {
      session.initialize();
      for (long step = 0; step < STEPS; step++) {
        Batch b = train.batchAt(step);
        try (TFloat32 x = images(b); TFloat32 y = targets(b); TInt64 st = TInt64.scalarOf(step);
            TFloat32 lr = TFloat32.scalarOf((float) schedule.at(step));
            TFloat32 p = TFloat32.scalarOf((float) ((double) (step + 1) / STEPS));
            Result r = session.runner().feed("images", x).feed("targets", y).feed("step", st)
                .feed("learning_rate", lr).feed("progress", p).addTarget("train/train_op").fetch("train/loss").run()) {
          byName.add((double) ((TFloat32) r.get(0)).getFloat());
        }
      }
      long correct = 0;
      double lossSum = 0;
      int n = 0;
      for (Batch b : new EvalBatches(DATA.test(), s.evalBatchSize(), FashionMnist.NORMALIZATION)) {
        try (TFloat32 x = images(b); TFloat32 y = targets(b);
            Result r = session.runner().feed("images", x).feed("targets", y)
                .fetch("eval/classes").fetch("eval/loss_sum").run()) {
          for (int i = 0; i < b.size(); i++) {
            correct += ((TInt64) r.get(0)).getLong(i) == b.labels()[i] ? 1 : 0;
          }
          lossSum += ((TFloat32) r.get(1)).getFloat();
          n += b.size();
        }
      }
      evalByName = new EvalMetrics(STEPS, 0, (double) correct / n, lossSum / n, n);
    }

    assertThat(trainerLosses).hasSize(STEPS).isEqualTo(byName);
    assertThat(trainerEvals).containsExactly(evalByName);
  }

  private static TFloat32 images(Batch b) {
    ImageShape s = b.shape();
    return TFloat32.tensorOf(Shape.of(b.size(), s.height(), s.width(), s.channels()), DataBuffers.of(b.images(), true, false));
  }

  private static TFloat32 targets(Batch b) {
    return TFloat32.tensorOf(Shape.of(b.size(), b.numClasses()), DataBuffers.of(b.targets(), true, false));
  }
}
