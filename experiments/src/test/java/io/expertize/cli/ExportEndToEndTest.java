package io.expertize.cli;

import static io.expertize.cli.CliEndToEndTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import io.expertize.data.DatasetSplits;
import io.expertize.data.FashionMnist;
import io.expertize.data.ImageDataset;
import io.expertize.experts.ExpertPlan;
import io.expertize.export.Matrices;
import io.expertize.export.SavedModelInspector;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.ImageClassificationGraph;
import io.expertize.train.TrainSettings;
import io.expertize.train.TrainingGraph;
import io.expertize.train.io.CheckpointManager;
import io.expertize.wiring.TrainedRun;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Issue 5's acceptance on the quickstart model and the real Fashion-MNIST test set: for every exactly
 * fusible scheme, a short run exported with {@code expertize export} gives, through TensorFlow's own
 * SavedModel loader, the training graph's eval logits (1,000 images) and the run's eval_top1; the
 * expert exports are the dense export's graph with other weights; and a fresh JVM holding only
 * TensorFlow Java serves it. CI evaluates the first 2,000 test images (a 10,000-image evaluation
 * costs about 15 s of CPU per pass on 2 cores); {@code -Dexpertize.exportTestImages=10000} runs the
 * acceptance on the whole test set.
 */
class ExportEndToEndTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final int COMPARED = 1000;
  private static final int EVALUATED = Integer.getInteger("expertize.exportTestImages", 2000);
  private static ImageDataset test;

  @TempDir static Path tmp;

  @BeforeAll
  static void loadTestSet() {
    DatasetSplits data = FashionMnist.load(FashionMnist.locate(Optional.empty()), 1, EVALUATED);
    test = data.test();
  }

  private static Path train(String scheme) {
    Path run = tmp.resolve("run-" + scheme);
    if (!Files.exists(run)) {
      CliEndToEndTest.Outcome o = cli("train", "--config", REPO.resolve("configs/vit_quickstart.yaml").toString(),
          "--set", "fusion.scheme=" + scheme, "--set", "train.steps=12", "--set", "train.batch-size=64", "--set", "train.log-every=12",
          "--set", "data.test-subset=" + EVALUATED,
          "--out", run.toString());
      assertThat(o.code()).as(o.err()).isZero();
    }
    return run;
  }

  private static JsonNode export(String scheme, String name) throws IOException {
    CliEndToEndTest.Outcome o = cli("export", "--run", train(scheme).toString(),
        "--out", tmp.resolve("models").toString(), "--name", name, "--json");
    assertThat(o.code()).as(o.err()).isZero();
    return new ObjectMapper().readTree(o.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"dense", "sw", "dw", "mb", "ewa"})
  void exportGivesTheRunsEvalLogitsAndItsTestAccuracy(String scheme) throws Exception {
    JsonNode exported = export(scheme, "qs-" + scheme);
    Path model = Path.of(exported.get("path").asText());
    assertThat(model).isEqualTo(tmp.resolve("models/qs-" + scheme + "/1"));
    assertThat(exported.get("parameters").asLong()).isEqualTo(803_338L);
    assertThat(exported.get("fusion").asText()).isEqualTo("exact");

    float[][] served;
    long correct = 0;
    try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), "serve")) {
      served = logits(bundle, 0, COMPARED);
      for (int from = 0; from < test.size(); from += COMPARED) {
        float[][] batch = from == 0 ? served : logits(bundle, from, COMPARED);
        for (int i = 0; i < batch.length; i++) {
          correct += Matrices.argMax(batch[i]) == test.label(from + i) ? 1 : 0;
        }
      }
    }
    double difference = Matrices.maxAbsDifference(served, trainedEvalLogits(train(scheme)));
    JsonNode summary = new ObjectMapper().readTree(train(scheme).resolve("summary.json").toFile());
    System.out.printf("export %s: max |served - trained eval logits| %.3g on %d images; served top-1 %.4f, "
        + "run eval_top1 %.4f on %d images%n", scheme, difference, COMPARED, (double) correct / test.size(),
        summary.get("eval_top1").asDouble(), test.size());
    assertThat(difference).isLessThanOrEqualTo(1e-5);
    assertThat((double) correct / test.size()).isEqualTo(summary.get("eval_top1").asDouble());
  }

  @Test
  void anExpertExportIsTheDenseExportsGraphWithOtherWeights() throws Exception {
    Map<String, Object> dense = SavedModelInspector.inspect(Path.of(export("dense", "graph-dense").get("path").asText()));
    for (String scheme : List.of("mb", "ewa")) {
      Map<String, Object> experts = SavedModelInspector.inspect(Path.of(export(scheme, "graph-" + scheme).get("path").asText()));
      for (String key : List.of("parameters", "variable_count", "variables", "op_types", "signatures")) {
        assertThat(experts.get(key)).as(scheme + " " + key).isEqualTo(dense.get(key));
      }
      assertThat((double) (long) experts.get("size_bytes")).as(scheme + " size")
          .isCloseTo((long) dense.get("size_bytes"), withinPercentage(1));
    }
  }

  @Test
  void aFreshJvmWithOnlyTensorFlowJavaServesTheExport() throws Exception {
    Path model = Path.of(export("mb", "client").get("path").asText());
    int n = 64;
    Path pixels = tmp.resolve("pixels.bin");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(pixels))) {
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < 784; p++) {
          out.writeFloat(Math.round(test.pixel(i, p) * 255));
        }
      }
    }
    String tfOnly = tensorFlowJavaClassPath();
    Path classes = Files.createDirectories(tmp.resolve("client"));
    Path source = REPO.resolve("experiments/src/test/resources/serving-client/ServingClient.java");
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-cp", tfOnly, "-d", classes.toString(), source.toString());
    assertThat(compiled).isZero();
    Process client = new ProcessBuilder("java", "-cp", tfOnly + java.io.File.pathSeparator + classes,
        "ServingClient", model.toString(), pixels.toString(), Integer.toString(n), "28")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> lines = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(client.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(client.exitValue()).isZero();

    List<String> expected = new ArrayList<>();
    try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), "serve")) {
      for (float[] row : logits(bundle, 0, n)) {
        expected.add(Integer.toString(Matrices.argMax(row)));
      }
    }
    assertThat(lines).isEqualTo(expected);
  }

  @Test
  void topKIsRefusedUnlessAveragedAndSaysSo() throws Exception {
    Path run = tmp.resolve("run-topk");
    assertThat(cli("train", "--config", REPO.resolve("configs/vit_quickstart.yaml").toString(),
        "--set", "fusion.scheme=topk", "--set", "train.steps=4", "--set", "train.batch-size=32",
        "--set", "data.test-subset=256", "--out", run.toString()).code()).isZero();
    String base = tmp.resolve("topk-models").toString();
    CliEndToEndTest.Outcome refused = cli("export", "--run", run.toString(), "--out", base);
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("top-k MoE", "--average-top-k");
    assertThat(tmp.resolve("topk-models/vit_quickstart")).doesNotExist();

    CliEndToEndTest.Outcome averaged = cli("export", "--run", run.toString(), "--out", base, "--average-top-k");
    assertThat(averaged.code()).as(averaged.err()).isZero();
    assertThat(averaged.out()).contains("AVERAGED", "vit_quickstart/1");
    assertThat(Files.readString(tmp.resolve("topk-models/vit_quickstart/1/assets.extra/expertize.json")))
        .contains("averaged-top-k");
  }

  @Test
  void badInputNamesWhatIsWrongAndWritesNothing() throws Exception {
    Path run = train("dense");
    String base = tmp.resolve("errors").toString();
    assertThat(cli("export", "--run", run.toString(), "--out", base, "--name", "m", "--version", "3").code()).isZero();

    CliEndToEndTest.Outcome exists = cli("export", "--run", run.toString(), "--out", base, "--name", "m", "--version", "3");
    assertThat(exists.code()).isEqualTo(2);
    assertThat(exists.err()).contains("m/3 exists", "--force");

    CliEndToEndTest.Outcome notARun = cli("export", "--run", tmp.resolve("nowhere").toString(), "--out", base);
    assertThat(notARun.code()).isEqualTo(2);
    assertThat(notARun.err()).contains("nowhere");

    Path broken = tmp.resolve("broken-run");
    Directories.copy(run, broken);
    Path ckpt = CheckpointManager.find(broken).path();
    try (var files = Files.list(ckpt)) {
      Path data = files.filter(f -> f.getFileName().toString().startsWith("variables.data")).findFirst().orElseThrow();
      Files.write(data, new byte[10]);
    }
    CliEndToEndTest.Outcome truncated = cli("export", "--run", broken.toString(), "--out", base, "--name", "b");
    assertThat(truncated.code()).isEqualTo(2);
    assertThat(truncated.err()).contains(ckpt.getFileName().toString(), "truncated or overwritten");

    Path unknown = tmp.resolve("unknown-model-run");
    Directories.copy(run, unknown);
    Path config = unknown.resolve("config.yaml");
    Files.writeString(config, Files.readString(config).replace("model: vit_quickstart", "model: vit_gigantic"));
    CliEndToEndTest.Outcome noModel = cli("export", "--run", unknown.toString(), "--out", base, "--name", "u");
    assertThat(noModel.code()).isEqualTo(2);
    assertThat(noModel.err()).contains("vit_gigantic");
    try (var names = Files.list(tmp.resolve("errors"))) {
      assertThat(names.map(p -> p.getFileName().toString())).containsExactly("m");
    }
  }

  /** TensorFlow Java and its own dependencies from this JVM's class path; no Expertize, no Guice. */
  private static String tensorFlowJavaClassPath() {
    List<String> keep = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (entry.contains("/org/tensorflow/") || entry.contains("/org/bytedeco/") || entry.contains("/com/google/protobuf/")) {
        keep.add(entry);
      }
    }
    assertThat(keep).noneMatch(e -> e.contains("expertize"));
    assertThat(String.join(" ", keep)).contains("tensorflow-core-api", "tensorflow-core-native");
    return String.join(java.io.File.pathSeparator, keep);
  }

  /** The training graph's inference logits (experts unfused) of the run's latest checkpoint. */
  private static float[][] trainedEvalLogits(Path run) {
    Injector injector = TrainedRun.open(run, List.of()).injector();
    TrainSettings s = injector.getInstance(TrainSettings.class);
    float[] normalized = new float[COMPARED * 784];
    for (int i = 0; i < normalized.length; i++) {
      normalized[i] = FashionMnist.NORMALIZATION.apply(0, test.pixel(i / 784, i % 784));
    }
    try (TrainingGraph<ImageClassificationGraph> graph = TrainingGraph.build(injector.getInstance(ImageClassifier.class),
            injector.getInstance(ExpertPlan.class), s.seed(), new TrainingGraph.StepSettings(s.optimizer(), s.gradClip()));
        Session session = new Session(graph.graph);
        TFloat32 images = TFloat32.tensorOf(Shape.of(COMPARED, 28, 28, 1))) {
      session.restore(CheckpointManager.find(run).variablesPrefix().toString());
      images.asRawTensor().data().asFloats().write(normalized);
      try (Result r = session.runner().feed(graph.task.images, images).fetch(graph.task.evalLogits).run()) {
        return Matrices.of((TFloat32) r.get(0));
      }
    }
  }

  private static float[][] logits(SavedModelBundle bundle, int from, int n) {
    float[] raw = new float[n * 784];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = Math.round(test.pixel(from + i / 784, i % 784) * 255);
    }
    try (TFloat32 pixels = TFloat32.tensorOf(Shape.of(n, 28, 28, 1))) {
      pixels.asRawTensor().data().asFloats().write(raw);
      try (Result r = bundle.function("serving_default").call(Map.of("images", pixels))) {
        return Matrices.of((TFloat32) r.get("logits").orElseThrow());
      }
    }
  }
}
