package io.expertize.zoo.t5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.data.AugmentationSettings;
import io.expertize.data.text.FortuneFiles;
import io.expertize.data.text.SpanCorruption;
import io.expertize.data.text.SpanCorruptionDataset;
import io.expertize.data.text.TextSplits;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.graph.ModuleTree;
import io.expertize.train.EvalMetrics;
import io.expertize.train.Seq2SeqTask;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainSettings;
import io.expertize.train.Trainer;
import io.expertize.train.TrainingCallback;
import io.expertize.train.TrainingJob;
import io.expertize.train.io.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny T5 through the framework's Trainer on span-corrupted fortunes: the Seq2SeqTask's batches
 * are a pure function of the step, so a resumed run repeats an uninterrupted one exactly, as image
 * runs do; evaluation counts target tokens; the loss falls; an expert plan trains too.
 */
class T5SpanCorruptionTrainerTest {
  private static final T5Config TINY = T5Models.T5_TINY_FORTUNES.toBuilder().dModel(32).dFf(64).heads(2).dKv(16).layers(1).build();
  private static final int INPUTS = 32;
  private static SpanCorruptionDataset train;
  private static SpanCorruptionDataset test;

  @TempDir Path tmp;

  @BeforeAll
  static void data() {
    TextSplits splits = TextSplits.of(FortuneFiles.read(FortuneFiles.DEBIAN_DIRECTORY));
    train = new SpanCorruptionDataset(splits.train(), SpanCorruption.byt5(), INPUTS, 5);
    test = new SpanCorruptionDataset(splits.test(), SpanCorruption.byt5(), INPUTS, 5);
  }

  /** 3 epochs of 4 batches of 16, evaluation after each, checkpoints every 5 steps. */
  private static TrainSettings settings() {
    return TrainSettings.builder().seed(3).epochs(3).batchSize(16).warmupEpochs(0.5).logEvery(1).checkpointEvery(5)
        .evalBatchSize(32).lr(3e-3).minLr(1e-4).weightDecay(0.0)
        .augmentation(AugmentationSettings.none()).build();
  }

  private record Outcome(List<Double> losses, List<EvalMetrics> evals) {}

  private static Outcome run(T5Model model, ExpertPlan plan, RunDirectory dir, boolean resume, long failAfter) {
    List<Double> losses = new ArrayList<>();
    List<EvalMetrics> evals = new ArrayList<>();
    TrainingCallback recorder = new TrainingCallback() {
      @Override
      public void onStep(StepMetrics m) {
        losses.add(m.loss());
        if (m.step() + 1 == failAfter) {
          throw new IllegalStateException("simulated crash after step " + failAfter);
        }
      }

      @Override
      public void onEval(EvalMetrics e) {
        evals.add(e);
      }
    };
    Seq2SeqTask task = new Seq2SeqTask(model, train, test, 64, 48);
    new Trainer(settings(), List.of(recorder)).fit(new TrainingJob("t5_tiny", task, plan, dir, resume, Optional.empty()));
    return new Outcome(losses, evals);
  }

  @Test
  void resumedRunContinuesExactlyAndEvaluationCountsTargetTokens() {
    Outcome full = run(new T5Model(TINY), ExpertPlan.dense(), RunDirectory.create(tmp.resolve("full"), false), false, -1);
    assertThat(full.losses()).hasSize(12);
    assertThat(full.losses().get(11)).isLessThan(full.losses().get(0));
    EvalMetrics last = full.evals().get(full.evals().size() - 1);
    assertThat(last.unit()).isEqualTo("target tokens");
    assertThat(last.examples()).isBetween(48 * 5, 48 * test.targetsLength()); // non-padding targets of 48 examples
    assertThat(last.top1()).isBetween(0.0, 1.0);

    RunDirectory interrupted = RunDirectory.create(tmp.resolve("interrupted"), false);
    assertThatThrownBy(() -> run(new T5Model(TINY), ExpertPlan.dense(), interrupted, false, 7)).hasMessageContaining("simulated crash");
    Outcome resumed = run(new T5Model(TINY), ExpertPlan.dense(), RunDirectory.resume(interrupted.root()), true, -1);
    // the checkpoint of step 5 is the last before the crash
    assertThat(resumed.losses()).isEqualTo(full.losses().subList(5, 12));
    assertThat(resumed.evals().get(resumed.evals().size() - 1)).isEqualTo(last);
  }

  @Test
  void theAnnotatedMemoryBankTrains() {
    T5Model model = new T5Model(TINY);
    ExpertPlan plan = ReflectiveExpertBuilder.build(ModuleTree.of(model), FusionOverrides.none());
    assertThat(plan.sets()).hasSize(2); // one FFN in each stack
    Outcome mb = run(model, plan, RunDirectory.create(tmp.resolve("mb"), false), false, -1);
    assertThat(mb.losses()).hasSize(12).allSatisfy(l -> assertThat(l).isFinite());
  }
}
