package io.expertize.cli;

import static io.expertize.cli.CliEndToEndTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expertize.Expertize;
import io.expertize.config.ConfigException;
import io.expertize.data.DataException;
import io.expertize.data.FashionMnist;
import io.expertize.export.SavedModelInspector;
import io.expertize.run.Chief;
import io.expertize.run.Evaluation;
import io.expertize.run.TrainRequest;
import io.expertize.train.RunFinishedException;
import io.expertize.train.RunInfo;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainingCallback;
import io.expertize.train.TrainingSummary;
import io.expertize.train.io.DurableFiles;
import io.expertize.train.io.RunDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code io.expertize.Expertize} and the CLI make the same runs: a run trained from Java is resumed by
 * {@code train --resume} and read by {@code eval}, {@code inspect} and {@code export}; a run trained by the CLI
 * is resumed, evaluated and exported from Java; and the API fails with the CLI's exceptions and messages.
 * Tiny runs of the quickstart ViT (width 16, one block, 256 training images, 6 steps).
 */
class JavaApiRoundTripTest {
  private static final Path REPO = TinyRuns.REPO;

  @TempDir Path tmp;

  /** Fails the run at its fourth step, after the checkpoint of step 3: what a run killed there leaves. */
  private static final class FailAtFourthStep implements TrainingCallback {
    final List<Long> steps = new ArrayList<>();
    RunInfo started;

    @Override
    public void onStart(RunInfo run) {
      started = run;
    }

    @Override
    public void onStep(StepMetrics step) {
      steps.add(step.step());
      if (step.step() == 3) {
        throw new IllegalStateException("stopped by the test at step 4");
      }
    }
  }

  private static TrainRequest.Builder tiny() {
    return TrainRequest.builder().namedConfig("vit_quickstart")
        .set("model.dim", "16").set("model.depth", "1").set("data.train-subset", "256").set("data.test-subset", "128")
        .set("train.batch-size", "16").set("train.steps", "6").set("train.checkpoint-every", "3")
        .set("train.log-every", "1");
  }

  @Test
  void aRunTrainedFromJavaIsResumedEvaluatedInspectedAndExportedByTheCli() throws Exception {
    Path run = tmp.resolve("api-run");
    FailAtFourthStep callback = new FailAtFourthStep();
    assertThatThrownBy(() -> Expertize.train(tiny().out(run).callback(callback).build()))
        .hasMessageContaining("stopped by the test");
    assertThat(callback.started.model()).isEqualTo("vit_quickstart");
    assertThat(callback.steps).containsExactly(0L, 1L, 2L, 3L);
    assertThat(run.resolve("config.yaml")).content().contains("train.steps: 6");
    assertThat(run.resolve("checkpoints/ckpt-000000003")).isDirectory();

    CliEndToEndTest.Outcome resumed = cli("train", "--resume", run.toString());
    assertThat(resumed.code()).as(resumed.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertThat(summary.get("steps").asLong()).isEqualTo(6);
    assertThat(TinyRuns.loggedSteps(run)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(run.resolve("tensorboard/train")).isDirectoryContaining(p -> p.getFileName().toString().contains("tfevents"));

    CliEndToEndTest.Outcome eval = cli("eval", "--run", run.toString(), "--json");
    assertThat(eval.code()).as(eval.err()).isZero();
    JsonNode cliEval = new ObjectMapper().readTree(eval.out());
    Evaluation apiEval = Expertize.evaluate(run);
    assertThat(cliEval.get("step").asLong()).isEqualTo(apiEval.step()).isEqualTo(6);
    assertThat(cliEval.get("top1").asDouble()).isEqualTo(apiEval.top1());
    assertThat(apiEval.top1()).isEqualTo(summary.get("eval_top1").asDouble());

    CliEndToEndTest.Outcome inspect = cli("inspect", run.toString(), "--json");
    assertThat(inspect.code()).as(inspect.err()).isZero();
    assertThat(inspect.out()).contains("ckpt-000000006");

    Path base = tmp.resolve("models");
    CliEndToEndTest.Outcome export = cli("export", "--run", run.toString(), "--out", base.toString(), "--json");
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(SavedModelInspector.isSavedModel(base.resolve("vit_quickstart/1"))).isTrue();
  }

  @Test
  void aRunTrainedFromJavaOnALocalClusterIsResumedByTheCliInOneProcess() throws Exception {
    Path run = tmp.resolve("cluster-run");
    FailAtFourthStep callback = new FailAtFourthStep();
    try (Chief chief = Chief.local(1, 1, Duration.ofSeconds(90))) {
      assertThatThrownBy(() -> Expertize.train(tiny().out(run).cluster(chief.cluster()).callback(callback).build()))
          .hasMessageContaining("stopped by the test");
    }
    assertThat(callback.steps).containsExactly(0L, 1L, 2L, 3L);
    assertThat(run.resolve("checkpoints/ckpt-000000003")).isDirectory();

    CliEndToEndTest.Outcome resumed = cli("train", "--resume", run.toString());
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(TinyRuns.loggedSteps(run)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void aRunTrainedByTheCliIsResumedEvaluatedAndExportedFromJava() throws Exception {
    Path run = tmp.resolve("cli-run");
    CliEndToEndTest.Outcome trained = cli(TinyRuns.train(run, 6, "--set", "train.checkpoint-every=3")
        .toArray(String[]::new));
    assertThat(trained.code()).as(trained.err()).isZero();
    assertThatThrownBy(() -> Expertize.resume(run)).isInstanceOf(RunFinishedException.class)
        .hasMessageContaining("has finished");

    // what a run killed between the checkpoints of steps 3 and 6 leaves: no step-6 checkpoint, no summary
    DurableFiles.deleteRecursively(run.resolve("checkpoints/ckpt-000000006"));
    Files.delete(run.resolve("summary.json"));
    TrainingSummary resumed = Expertize.resume(run, FashionMnist.DEFAULT_DIR);
    assertThat(resumed.steps()).isEqualTo(6);
    assertThat(run.resolve("checkpoints/ckpt-000000006")).isDirectory();
    assertThat(TinyRuns.loggedSteps(run)).containsExactly(5L, 6L);

    Evaluation evaluation = Expertize.evaluate(run);
    assertThat(evaluation.step()).isEqualTo(6);
    assertThat(evaluation.checkpoint().getFileName()).hasToString("ckpt-000000006");
    assertThat(evaluation.top1()).isEqualTo(resumed.evalTop1());

    Path base = tmp.resolve("models");
    Path first = Expertize.export(run, base);
    assertThat(first).isEqualTo(base.toAbsolutePath().resolve("vit_quickstart/1"));
    assertThat(SavedModelInspector.isSavedModel(first)).isTrue();
    assertThat(Expertize.export(run, base)).as("the next version, beside the first").endsWith(Path.of("vit_quickstart/2"));
  }

  @Test
  void theApiFailsWithTheClisExceptionsAndMessages() {
    Path never = tmp.resolve("never");
    assertThatThrownBy(() -> Expertize.train(TrainRequest.builder().set("optim.learning-rate", "1e-3").out(never).build()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("optim.learning-rate").hasMessageContaining("optim.lr");
    CliEndToEndTest.Outcome cli = cli("train", "--set", "optim.learning-rate=1e-3", "--out", never.toString());
    assertThat(cli.err()).contains(messageOf(() -> Expertize.train(
        TrainRequest.builder().set("optim.learning-rate", "1e-3").out(never).build())));
    assertThat(never).doesNotExist();

    assertThatThrownBy(() -> Expertize.train(tiny().data(tmp.resolve("no-data")).out(never).build()))
        .as("the data's own exception, not Guice's wrapper").isInstanceOf(DataException.class)
        .hasMessageContaining(tmp.resolve("no-data").toString());
    assertThat(never).doesNotExist();

    assertThatThrownBy(() -> Expertize.evaluate(tmp.resolve("no-run"))).isInstanceOf(RunDirectoryException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> TrainRequest.builder().namedConfig("configs/vit_quickstart.yaml"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("config(Path)");
  }

  private static String messageOf(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      return e.getMessage();
    }
    throw new AssertionError("no exception");
  }
}
