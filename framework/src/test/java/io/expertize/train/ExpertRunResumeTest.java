package io.expertize.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.annotations.Scheme;
import io.expertize.data.AugmentationSettings;
import io.expertize.data.DatasetSplits;
import io.expertize.data.FashionMnist;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.graph.ModuleTree;
import io.expertize.testing.ExpertMlp;
import io.expertize.train.io.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A run with expert sets resumes exactly: the checkpoint holds the stacked experts, routers, mixing
 * weights and the memory bank, and EWA's partitions are keyed on the step, so the losses after a
 * crash and resume equal those of an uninterrupted run, and the diagnostics reach the callbacks.
 */
class ExpertRunResumeTest {
  private static DatasetSplits data;

  @TempDir Path tmp;

  @BeforeAll
  static void loadData() {
    data = FashionMnist.load(FashionMnist.locate(Optional.empty()), 512, 256);
  }

  private static TrainSettings settings() {
    return TrainSettings.builder().seed(5).epochs(2).batchSize(64).warmupEpochs(0.5).logEvery(2).checkpointEvery(5)
        .keepCheckpoints(2).evalBatchSize(256).augmentation(AugmentationSettings.none()).build();
  }

  private record Outcome(List<Double> losses, List<StepMetrics> logged) {}

  private static Outcome run(Scheme scheme, RunDirectory dir, boolean resume, long failAfter) {
    List<Double> losses = new ArrayList<>();
    List<StepMetrics> logged = new ArrayList<>();
    TrainingCallback recorder = new TrainingCallback() {
      @Override
      public void onStep(StepMetrics m) {
        losses.add(m.loss());
        if (m.logStep()) {
          logged.add(m);
        }
        if (m.step() + 1 == failAfter) {
          throw new IllegalStateException("simulated crash after step " + failAfter);
        }
      }
    };
    ExpertMlp model = new ExpertMlp(28, 7, 16, 2, false, 0.1, 10);
    ExpertPlan plan = ReflectiveExpertBuilder.build(ModuleTree.of(model), FusionOverrides.of(scheme, 4));
    TrainingJob job = new TrainingJob("expert-mlp", model, plan, data, FashionMnist.NORMALIZATION, dir, resume);
    new Trainer(settings(), List.of(recorder)).fit(job);
    return new Outcome(losses, logged);
  }

  @ParameterizedTest
  @EnumSource(value = Scheme.class, names = {"MEMORY_BANK", "EWA"})
  void resumedExpertRunContinuesExactly(Scheme scheme) {
    Outcome full = run(scheme, RunDirectory.create(tmp.resolve("full"), false), false, -1);
    RunDirectory interrupted = RunDirectory.create(tmp.resolve("interrupted"), false);
    // 8 steps per epoch, checkpoints every 5 steps and at epoch ends: the crash at 13 resumes from 10
    assertThatThrownBy(() -> run(scheme, interrupted, false, 13)).hasMessageContaining("simulated crash");
    Outcome resumed = run(scheme, RunDirectory.resume(interrupted.root()), true, -1);
    assertThat(resumed.losses()).hasSize(16 - 10).isEqualTo(full.losses().subList(10, 16));

    if (scheme == Scheme.MEMORY_BANK) {
      assertThat(full.logged()).hasSize(8).allSatisfy(m -> assertThat(m.diagnostics().get("ffns.1/expert_weights")).hasSize(4));
    }
  }
}
