package io.expertize.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.annotations.Scheme;
import io.expertize.data.AugmentationSettings;
import io.expertize.data.DatasetSplits;
import io.expertize.data.FashionMnist;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.graph.ModuleTree;
import io.expertize.testing.ExpertMlp;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainSettings;
import io.expertize.train.Trainer;
import io.expertize.train.TrainingCallback;
import io.expertize.train.TrainingJob;
import io.expertize.train.TrainingSummary;
import io.expertize.train.io.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Synchronous data parallelism on a real gRPC cluster (loopback, in this JVM) makes the update of a
 * single process with the same global batch: 20 steps of a tiny model, losses and final parameters
 * within 1e-5. Schemes whose statistics are batch-wide (dense, sw, dw, mb) are compared with two
 * workers and an odd batch (shards of 32 and 33 rows); the per-shard schemes (EWA's partition, top-k's
 * capacity) with one worker, where the shard is the batch.
 */
class DataParallelExactnessTest {
  private static DatasetSplits data;

  @TempDir Path tmp;

  @BeforeAll
  static void loadData() {
    data = FashionMnist.load(FashionMnist.locate(Optional.empty()), 1300, 130);
  }

  private static TrainSettings settings() {
    // batch 65, 20 steps, no augmentation or dropout (per-shard draws differ from a whole-batch draw)
    return TrainSettings.builder().seed(11).epochs(1).batchSize(65).warmupEpochs(0.5).logEvery(1)
        .checkpointEvery(5).keepCheckpoints(2).evalBatchSize(20)
        .augmentation(AugmentationSettings.none()).build();
  }

  private record Outcome(List<Double> losses, Map<String, float[]> parameters) {}

  private Outcome run(Scheme scheme, String name, Optional<ClusterTraining> cluster) throws Exception {
    List<Double> losses = new ArrayList<>();
    TrainingCallback recorder = new TrainingCallback() {
      @Override
      public void onStep(StepMetrics m) {
        losses.add(m.loss());
      }
    };
    ExpertMlp model = new ExpertMlp(28, 7, 16, 2, false, 0.0, 10);
    ExpertPlan plan = scheme == Scheme.DENSE ? ExpertPlan.dense()
        : ReflectiveExpertBuilder.build(ModuleTree.of(model), FusionOverrides.of(scheme, 4));
    RunDirectory dir = RunDirectory.create(tmp.resolve(name), false);
    TrainingJob job = new TrainingJob("expert-mlp", model, plan, data, FashionMnist.NORMALIZATION, dir, false);
    Trainer trainer = new Trainer(settings(), List.of(recorder));
    TrainingSummary summary = (cluster.isPresent() ? trainer.on(cluster.get()) : trainer).fit(job);
    return new Outcome(losses, CheckpointValues.read(Path.of(summary.checkpoint()).resolve("variables")));
  }

  @ParameterizedTest
  @EnumSource(value = Scheme.class, names = {"DENSE", "STATIC", "DYNAMIC", "MEMORY_BANK"})
  void twoWorkersMakeTheSingleProcessUpdate(Scheme scheme) throws Exception {
    Outcome single = run(scheme, "single", Optional.empty());
    Outcome cluster = run(scheme, "cluster", Optional.of(InProcessCluster.start(2, 1)));
    assertClose(single, cluster);
  }

  @ParameterizedTest
  @EnumSource(value = Scheme.class, names = {"EWA", "TOP_K"})
  void perShardSchemesOnOneWorkerAreTheSingleProcess(Scheme scheme) throws Exception {
    Outcome single = run(scheme, "single", Optional.empty());
    Outcome cluster = run(scheme, "cluster", Optional.of(InProcessCluster.start(1, 2)));
    assertClose(single, cluster);
  }

  private static void assertClose(Outcome single, Outcome cluster) {
    assertThat(cluster.losses()).hasSize(20);
    for (int i = 0; i < 20; i++) {
      assertThat(cluster.losses().get(i)).as("loss at step %d", i).isCloseTo(single.losses().get(i), org.assertj.core.data.Offset.offset(1e-5));
    }
    assertThat(CheckpointValues.maxAbsDiff(single.parameters(), cluster.parameters())).isLessThan(1e-5);
  }
}
