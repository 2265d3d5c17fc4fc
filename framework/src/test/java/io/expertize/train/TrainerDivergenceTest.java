package io.expertize.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.data.AugmentationSettings;
import io.expertize.data.DatasetSplits;
import io.expertize.experts.ExpertPlan;
import io.expertize.data.FashionMnist;
import io.expertize.testing.TinyClassifier;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointManager;
import io.expertize.train.io.RunDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diverging run stops with a message that says where and what to do, and its checkpoints stay usable. */
class TrainerDivergenceTest {
  @TempDir Path tmp;

  @Test
  void nanLossStopsTrainingAndKeepsTheLastCheckpoint() {
    DatasetSplits data = FashionMnist.load(FashionMnist.locate(Optional.empty()), 512, 100);
    // An absurd rate: step 0 (initial weights) is fine and checkpointed, the weights then overflow.
    TrainSettings s = TrainSettings.builder().seed(1).epochs(1).batchSize(64).warmupEpochs(1.0).noGradClip().logEvery(1)
        .checkpointEvery(1).keepCheckpoints(50).evalBatchSize(100).lr(1e12).minLr(0).weightDecay(0.0)
        .augmentation(AugmentationSettings.none()).build();
    RunDirectory run = RunDirectory.create(tmp.resolve("run"), false);
    TrainingJob job = new TrainingJob("tiny", new TinyClassifier(28, 1, 10, 7, 16), ExpertPlan.dense(), data,
        FashionMnist.NORMALIZATION, run, false);

    assertThatThrownBy(() -> new Trainer(s, List.of()).fit(job))
        .isInstanceOf(TrainingDivergedException.class)
        .hasMessageContaining("loss became")
        .hasMessageContaining("optim.lr");

    CheckpointManager checkpoints = new CheckpointManager(run.checkpointsDir(), 50);
    List<Checkpoint> kept = checkpoints.list();
    assertThat(kept).isNotEmpty();
    assertThat(run.summaryFile()).doesNotExist();
    // the newest checkpoint is complete and restorable into a fresh graph
    try (TrainingGraph g = TrainingGraph.build(new TinyClassifier(28, 1, 10, 7, 16), 1,
            new TrainingGraph.StepSettings(s.optimizer(), OptionalDouble.empty()));
        org.tensorflow.Session session = new org.tensorflow.Session(g.graph)) {
      checkpoints.restore(session, checkpoints.latest().orElseThrow());
    }
  }
}
