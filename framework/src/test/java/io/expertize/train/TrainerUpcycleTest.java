package io.expertize.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.expertize.annotations.Scheme;
import io.expertize.data.AugmentationSettings;
import io.expertize.data.DatasetSplits;
import io.expertize.data.FashionMnist;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.experts.Upcycling;
import io.expertize.graph.ModuleTree;
import io.expertize.testing.ExpertMlp;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointManager;
import io.expertize.train.io.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer upcycles a new run once, right after the initializers, and never a resumed one: the
 * resumed run continues its own checkpoint exactly and does not even read the dense source.
 */
class TrainerUpcycleTest {
  private static DatasetSplits data;

  @TempDir Path tmp;

  @BeforeAll
  static void loadData() {
    data = FashionMnist.load(FashionMnist.locate(Optional.empty()), 256, 100);
  }

  /** Epochs of 8 steps, at most {@code maxSteps} (0 = all), a checkpoint every 3 steps, no augmentation. */
  private static TrainSettings.Builder settings(int epochs) {
    return TrainSettings.builder().seed(5).epochs(epochs).batchSize(32).warmupEpochs(0.5)
        .logEvery(1).checkpointEvery(3).keepCheckpoints(10).evalBatchSize(100)
        .augmentation(AugmentationSettings.none());
  }

  private static ExpertMlp model() {
    return new ExpertMlp(28, 7, 8, 2, false, 0.0, 10);
  }

  private static ExpertPlan plan(ExpertMlp model, Scheme scheme) {
    return ReflectiveExpertBuilder.build(ModuleTree.of(model), FusionOverrides.of(scheme, 2));
  }

  private static List<Double> run(
      TrainSettings settings, ExpertMlp model, ExpertPlan plan, RunDirectory dir, boolean resume, Optional<Upcycling> upcycle, long failAfter) {
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
    TrainingJob job = new TrainingJob("expert_mlp", model, plan, data, FashionMnist.NORMALIZATION, dir, resume, upcycle);
    new Trainer(settings, List.of(recorder)).fit(job);
    return losses;
  }

  @Test
  void aNewRunStartsFromTheDenseCheckpointAndAResumedRunNeverRereadsIt() throws Exception {
    // the dense source: one epoch of the same model, trained dense
    RunDirectory denseRun = RunDirectory.create(tmp.resolve("dense"), false);
    ExpertMlp denseModel = model();
    List<Double> dense = run(settings(1).build(), denseModel, ExpertPlan.dense(), denseRun, false, Optional.empty(), -1);
    Checkpoint source = CheckpointManager.find(denseRun.root());
    assertThat(source.step()).isEqualTo(8);
    Upcycling upcycle = new Upcycling(source.path(), source.variablesPrefix(), 0.01);

    // sw from the dense checkpoint: its first loss is the dense model's (same batch: a pure function
    // of seed and step), which a warm-started dense run shows; a run from scratch starts elsewhere
    ExpertMlp m1 = model();
    List<Double> full = run(settings(2).build(), m1, plan(m1, Scheme.STATIC), RunDirectory.create(tmp.resolve("full"), false), false,
        Optional.of(upcycle), -1);
    ExpertMlp m2 = model();
    List<Double> warm = run(settings(2).maxSteps(1).build(), m2, ExpertPlan.dense(), RunDirectory.create(tmp.resolve("warm"), false),
        false, Optional.of(upcycle), -1);
    assertThat(full).hasSize(16);
    assertThat(full.get(0)).isCloseTo(warm.get(0), within(1e-4));
    assertThat(full.get(0)).isNotCloseTo(dense.get(0), within(1e-3));

    // interrupted after step 5 (last checkpoint: step 3), the source deleted, then resumed
    RunDirectory interrupted = RunDirectory.create(tmp.resolve("interrupted"), false);
    ExpertMlp m3 = model();
    assertThatThrownBy(() -> run(settings(2).build(), m3, plan(m3, Scheme.STATIC), interrupted, false, Optional.of(upcycle), 5))
        .hasMessageContaining("simulated crash");
    try (var files = Files.walk(denseRun.root())) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    ExpertMlp m4 = model();
    List<Double> resumed = run(settings(2).build(), m4, plan(m4, Scheme.STATIC), RunDirectory.resume(interrupted.root()), true,
        Optional.of(upcycle), -1);
    assertThat(resumed).hasSize(16 - 3).isEqualTo(full.subList(3, 16));
  }
}
