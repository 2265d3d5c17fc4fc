package io.expertize.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.expertize.data.DatasetSplits;
import io.expertize.data.FashionMnist;
import io.expertize.experts.ExpertPlan;
import io.expertize.export.DenseExporter;
import io.expertize.export.ExportSource;
import io.expertize.export.ExportTarget;
import io.expertize.testing.TinyClassifier;
import io.expertize.testing.TinyDistilledClassifier;
import io.expertize.train.EvalMetrics;
import io.expertize.train.ImageClassificationTask;
import io.expertize.train.ModelEvaluation;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainSettings;
import io.expertize.train.Trainer;
import io.expertize.train.TrainingCallback;
import io.expertize.train.TrainingJob;
import io.expertize.train.TrainingSummary;
import io.expertize.train.io.CheckpointManager;
import io.expertize.train.io.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A student trained with a teacher through the unchanged trainer, hard or soft: the loss is the two
 * heads' terms, logged as diagnostics with the teacher agreement; a run interrupted and resumed is taught exactly
 * as one that never stopped (the teacher is a function of the batch); evaluation scores the averaged
 * heads as a run without a teacher does.
 */
class DistillationTrainingTest {
  @TempDir static Path tmp;
  private static DatasetSplits data;
  private static SavedModelTeacher teacher;

  @BeforeAll
  static void trainAndExportATeacher() {
    data = FashionMnist.load(FashionMnist.locate(Optional.empty()), 512, 256);
    TinyClassifier model = new TinyClassifier(28, 1, 10, 7, 16);
    RunDirectory run = RunDirectory.create(tmp.resolve("teacher"), false);
    new Trainer(TeachersTest.settings(8), List.of()).fit(
        new TrainingJob("tiny", model, ExpertPlan.dense(), data, FashionMnist.NORMALIZATION, run, false));
    Path export = DenseExporter.export(new ExportSource("tiny", model, ExpertPlan.dense(), FashionMnist.NORMALIZATION,
        CheckpointManager.find(run.root())), ExportTarget.resolve(tmp.resolve("models"), "tiny", OptionalLong.empty(),
        false), false).path();
    teacher = SavedModelTeacher.open(export, 1, TeacherInput.PIXELS, FashionMnist.NORMALIZATION, 28, 1, 10, DistillationType.HARD);
  }

  @AfterAll
  static void close() {
    teacher.close();
  }

  private record Outcome(List<Double> losses, List<StepMetrics> logged, TrainingSummary summary) {}

  private static Outcome run(RunDirectory dir, boolean resume, long failAfter) {
    return run(dir, resume, failAfter, DistillationObjective.hard(0.5));
  }

  private static Outcome run(RunDirectory dir, boolean resume, long failAfter, DistillationObjective objective) {
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
    DistillationTask task = TeachersTest.task(teacher, data, objective);
    TrainingSummary summary = new Trainer(TeachersTest.settings(5), List.of(recorder))
        .fit(new TrainingJob("tiny-distilled", task, ExpertPlan.dense(), dir, resume, Optional.empty()));
    return new Outcome(losses, logged, summary);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hard", "soft"})
  void theLossIsTheTwoHeadsTermsLoggedWithTheTeacherAgreement(String type) {
    DistillationObjective objective = type.equals("hard") ? DistillationObjective.hard(0.5)
        : DistillationObjective.soft(0.5, 2.0);
    Path dir = tmp.resolve("logged-" + type);
    Outcome o = run(RunDirectory.create(dir, false), false, -1, objective);
    assertThat(o.losses()).hasSize(16).allSatisfy(l -> assertThat(l).isFinite());
    assertThat(o.logged()).hasSize(8).allSatisfy(m -> {
      float classLoss = m.diagnostics().get("distillation/class_loss")[0];
      float distillationLoss = m.diagnostics().get("distillation/distillation_loss")[0];
      assertThat(m.loss()).isCloseTo(0.5 * classLoss + 0.5 * distillationLoss, within(1e-5));
      assertThat(m.diagnostics().get("distillation/teacher_agreement")[0]).isBetween(0f, 1f);
    });
    // the distillation head learns the teacher's classes (or distribution): agreement ends above where it starts
    float first = o.logged().get(0).diagnostics().get("distillation/teacher_agreement")[0];
    float last = o.logged().get(7).diagnostics().get("distillation/teacher_agreement")[0];
    assertThat(last).isGreaterThan(first);
    float firstTerm = o.logged().get(0).diagnostics().get("distillation/distillation_loss")[0];
    float lastTerm = o.logged().get(7).diagnostics().get("distillation/distillation_loss")[0];
    assertThat(lastTerm).isLessThan(firstTerm);

    // evaluated as any image classifier: the averaged heads against the labels, no teacher involved
    TinyDistilledClassifier student = new TinyDistilledClassifier(28, 10, 7, 16);
    EvalMetrics e = ModelEvaluation.evaluate(new ImageClassificationTask(student, data, FashionMnist.NORMALIZATION),
        ExpertPlan.dense(), TeachersTest.settings(5), CheckpointManager.find(dir));
    assertThat(e.top1()).isEqualTo(o.summary().evalTop1());
  }

  @Test
  void aResumedRunIsTaughtExactlyAsAnUninterruptedOne() {
    Outcome full = run(RunDirectory.create(tmp.resolve("full"), false), false, -1);
    RunDirectory interrupted = RunDirectory.create(tmp.resolve("interrupted"), false);
    // 8 steps per epoch, checkpoints every 5 steps and at epoch ends: the crash at 13 resumes from 10
    assertThatThrownBy(() -> run(interrupted, false, 13)).hasMessageContaining("simulated crash");
    Outcome resumed = run(RunDirectory.resume(interrupted.root()), true, -1);
    assertThat(resumed.losses()).hasSize(16 - 10).isEqualTo(full.losses().subList(10, 16));
    assertThat(resumed.summary().evalTop1()).isEqualTo(full.summary().evalTop1());
  }
}
