package io.expertize.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expertize.cli.LauncherProcess.Outcome;
import io.expertize.data.DatasetSplits;
import io.expertize.data.FashionMnist;
import io.expertize.data.ImageDataset;
import io.expertize.export.Matrices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A model from outside (issue 13): experiments/example-project, built by maven-invoker-plugin as a user's own Maven
 * project against the installed Expertize artifacts, is listed and trained through the real
 * {@code ./expertize --classpath JAR} script and through the Java API ({@code io.expertize.Expertize}, the project's
 * TrainWithApi): a run one of them starts and Ctrl-C stops, the other resumes, evaluates and exports, and the export
 * serves the run's own test top-1 through TensorFlow's SavedModel loader. 128 images, seconds: not a benchmark.
 *
 * <p>{@code mvn verify} runs it; alone: {@code mvn verify -pl experiments -am -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ExampleProjectIT -Dexpertize.exampleProject.skip=false}.
 */
class ExampleProjectIT {
  private static final String MODEL = "row_transformer";
  private static final int TEST_IMAGES = 128;
  private static final String API_MAIN = "com.example.rows.TrainWithApi";
  /** 60 epochs of 8 steps: long enough that Ctrl-C a few steps in stops it midway (it may run on ~50), still seconds. */
  private static final int STEPS = 480;
  private static final List<String> SMALL = List.of("--set", "model=" + MODEL, "--set", "data.train-subset=128",
      "--set", "data.test-subset=" + TEST_IMAGES, "--set", "train.batch-size=16",
      "--set", "train.epochs=" + STEPS / 8, "--set", "train.steps=" + STEPS,
      "--set", "train.eval-every-epochs=20", "--set", "train.log-every=1");
  private static Path jar;

  @TempDir static Path tmp;

  @BeforeAll
  static void theExampleProjectIsBuiltAndSoIsTheLauncher() throws Exception {
    Path project = Path.of(System.getProperty("expertize.exampleProject",
        TinyRuns.REPO.resolve("experiments/target/it/example-project").toString()));
    jar = project.resolve("target/row-transformer-1.0.0.jar");
    assertThat(jar).as("the example project's jar, built by invoker:run (mvn verify in experiments)").isRegularFile();
    // The build running this test has just packaged what ./expertize runs: mark it built, as the script's own build
    // does, so that the script starts the JVM instead of a nested Maven build.
    Path target = TinyRuns.REPO.resolve("experiments/target");
    assertThat(target.resolve("launcher.classpath")).isRegularFile();
    Path stamp = target.resolve("launcher.stamp");
    if (!Files.exists(stamp)) {
      Files.createFile(stamp);
    }
    Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
  }

  @Test
  void modelsListsTheExampleModelUnderItsJarBesideTheZoo() throws Exception {
    Outcome o = LauncherProcess.run(120, Map.of(), "--classpath", jar.toString(), "models");
    assertThat(o.code()).as(o.all()).isZero();
    String listing = o.out();
    assertThat(listing).contains("from " + jar + ":").contains("vit_quickstart");
    String ownSection = listing.substring(listing.indexOf("from " + jar + ":"));
    assertThat(ownSection.lines().skip(1).findFirst().orElse("")).startsWith(MODEL);

    Outcome fromEnvironment = LauncherProcess.run(120, Map.of("EXPERTIZE_CLASSPATH", jar.toString()), "models", "--json");
    assertThat(fromEnvironment.code()).as(fromEnvironment.all()).isZero();
    JsonNode row = null;
    for (JsonNode n : new ObjectMapper().readTree(fromEnvironment.out())) {
      row = n.get("name").asText().equals(MODEL) ? n : row;
    }
    assertThat(row).as(fromEnvironment.out()).isNotNull();
    assertThat(row.get("source").asText()).isEqualTo(jar.toString());
  }

  @Test
  void anUnknownModelOrDatasetNamesTheClosestAndSaysHowToAddOneBeforeWritingAnything() throws Exception {
    Path never = tmp.resolve("never");
    Outcome typo = LauncherProcess.run(120, Map.of(), "--classpath", jar.toString(), "train",
        "--set", "model=row_transfomer", "--out", never.toString());
    assertThat(typo.code()).as(typo.all()).isEqualTo(2);
    assertThat(typo.err()).contains("unknown model 'row_transfomer'", "did you mean '" + MODEL + "'?");

    Outcome withoutJar = LauncherProcess.run(120, Map.of(), "train", "--set", "model=" + MODEL, "--out", never.toString());
    assertThat(withoutJar.code()).as(withoutJar.all()).isEqualTo(2);
    assertThat(withoutJar.err()).contains("unknown model '" + MODEL + "'", "vit_quickstart",
        "./expertize --classpath JAR (or EXPERTIZE_CLASSPATH)", "META-INF/services/io.expertize.registry.ModelProvider");

    Outcome dataset = LauncherProcess.run(120, Map.of(), "--classpath", jar.toString(), "train", "--set", "model=" + MODEL,
        "--set", "data=fashion_mnst", "--out", never.toString());
    assertThat(dataset.code()).as(dataset.all()).isEqualTo(2);
    assertThat(dataset.err()).contains("unknown dataset 'fashion_mnst'", "did you mean 'fashion-mnist'?",
        "registered datasets: ", "META-INF/services/io.expertize.data.DatasetProvider");
    assertThat(never).doesNotExist();
  }

  @Test
  void aClassPathEntryThatIsNotThereIsNamed() throws Exception {
    Path missing = tmp.resolve("missing.jar");
    Outcome option = LauncherProcess.run(60, Map.of(), "models", "--classpath", jar + ":" + missing);
    assertThat(option.code()).isEqualTo(2);
    assertThat(option.err()).contains("'" + missing + "' does not exist");
    Outcome environment = LauncherProcess.run(60, Map.of("EXPERTIZE_CLASSPATH", missing.toString()), "models");
    assertThat(environment.code()).isEqualTo(2);
    assertThat(environment.err()).contains("'" + missing + "' does not exist", "EXPERTIZE_CLASSPATH");
  }

  @Test
  void theCliTrainsTheApiResumesAndTheCliEvaluatesExportsAndServes() throws Exception {
    Path run = tmp.resolve("cli-made");
    List<String> train = new ArrayList<>(List.of("--classpath", jar.toString(), "train"));
    train.addAll(SMALL);
    train.addAll(List.of("--out", run.toString()));
    interruptedAfterAFewSteps(LauncherProcess.start(Map.of(), train), run);

    Outcome resumed = LauncherProcess.startJava(jar.toString(), API_MAIN, List.of("--resume", run.toString())).outcome(600);
    assertThat(resumed.code()).as(resumed.all()).isZero();
    JsonNode summary = finished(run);
    assertThat(resumed.out()).contains("top1 " + summary.get("eval_top1").asDouble(), "scheme ewa");

    Outcome eval = LauncherProcess.run(300, Map.of(), "--classpath", jar.toString(), "eval", "--run", run.toString(), "--json");
    assertThat(eval.code()).as(eval.all()).isZero();
    double evalTop1 = new ObjectMapper().readTree(eval.out()).get("top1").asDouble();
    assertThat(evalTop1).isEqualTo(summary.get("eval_top1").asDouble());

    Outcome export = LauncherProcess.run(300, Map.of(), "--classpath", jar.toString(), "export", "--run", run.toString(),
        "--out", tmp.resolve("cli-models").toString(), "--json");
    assertThat(export.code()).as(export.all()).isZero();
    JsonNode exported = new ObjectMapper().readTree(export.out());
    assertThat(exported.get("fusion").asText()).isEqualTo("exact");
    assertThat(exported.get("parameters").asLong()).as("dense: the model as written").isEqualTo(summary.get("params").asLong());
    assertThat(summary.get("params_training").asLong()).as("trained with experts").isGreaterThan(summary.get("params").asLong());
    assertThat(servedTop1(Path.of(exported.get("path").asText()))).isEqualTo(evalTop1);
  }

  @Test
  void theApiTrainsTheCliResumesAndTheApiEvaluatesExportsAndServes() throws Exception {
    Path run = tmp.resolve("api-made");
    List<String> train = new ArrayList<>(List.of(run.toString()));
    for (int i = 0; i < SMALL.size(); i += 2) {
      train.add(SMALL.get(i + 1)); // KEY=VALUE, without --set
    }
    interruptedAfterAFewSteps(LauncherProcess.startJava(jar.toString(), API_MAIN, train), run);

    Outcome resumed = LauncherProcess.run(600, Map.of(), "--classpath", jar.toString(), "train", "--resume", run.toString());
    assertThat(resumed.code()).as(resumed.all()).isZero();
    JsonNode summary = finished(run);

    Path base = tmp.resolve("api-models");
    Outcome exported = LauncherProcess.startJava(jar.toString(), API_MAIN, List.of("--export", run.toString(), base.toString()))
        .outcome(300);
    assertThat(exported.code()).as(exported.all()).isZero();
    Path model = base.resolve(MODEL + "/1");
    assertThat(exported.out()).contains("top1 " + summary.get("eval_top1").asDouble(), "step " + STEPS, "export " + model);
    assertThat(servedTop1(model)).isEqualTo(summary.get("eval_top1").asDouble());
  }

  /** Waits for a few logged steps, stops the first leg with Ctrl-C (it checkpoints the step it stopped after). */
  private static void interruptedAfterAFewSteps(LauncherProcess first, Path run) throws Exception {
    assertThat(first.await(() -> TinyRuns.lastLoggedStep(run) >= 3, 300)).as("trained past step 3").isTrue();
    first.signal("INT");
    Outcome stopped = first.outcome(120);
    assertThat(stopped.code()).as(stopped.all()).isEqualTo(130);
    assertThat(stopped.err()).contains("interrupted (SIGINT) after step", "--resume " + run);
    assertThat(TinyRuns.lastLoggedStep(run)).isLessThan(STEPS);
    assertThat(run.resolve("summary.json")).doesNotExist();
  }

  /** The summary of a run trained to its end in two legs, every step logged once. */
  private static JsonNode finished(Path run) throws Exception {
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertThat(summary.get("model").asText()).isEqualTo(MODEL);
    assertThat(summary.get("scheme").asText()).isEqualTo("ewa");
    assertThat(summary.get("expert_layers")).hasSize(2);
    assertThat(summary.get("checkpoint").asText()).endsWith(String.format("ckpt-%09d", STEPS));
    assertThat(TinyRuns.loggedSteps(run)).doesNotHaveDuplicates().isSorted().hasSize(STEPS);
    return summary;
  }

  /** Top-1 of the SavedModel on the run's test images (the first {@link #TEST_IMAGES}), raw pixels in. */
  static double servedTop1(Path model) {
    DatasetSplits data = FashionMnist.load(FashionMnist.locate(Optional.empty()), 1, TEST_IMAGES);
    ImageDataset test = data.test();
    float[] raw = new float[TEST_IMAGES * 784];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = Math.round(test.pixel(i / 784, i % 784) * 255);
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), "serve");
        TFloat32 pixels = TFloat32.tensorOf(Shape.of(TEST_IMAGES, 28, 28, 1))) {
      pixels.asRawTensor().data().asFloats().write(raw);
      try (Result r = bundle.function("serving_default").call(Map.of("images", pixels))) {
        TFloat32 logits = (TFloat32) r.get("logits").orElseThrow();
        assertThat(logits.shape()).isEqualTo(Shape.of(TEST_IMAGES, 10));
        float[][] rows = Matrices.of(logits);
        long correct = 0;
        for (int i = 0; i < TEST_IMAGES; i++) {
          correct += Matrices.argMax(rows[i]) == test.label(i) ? 1 : 0;
        }
        return (double) correct / TEST_IMAGES;
      }
    }
  }
}
