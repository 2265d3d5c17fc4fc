package io.expertize.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expertize.train.io.EventFileReader;
import io.expertize.train.io.MetricsLog;
import io.expertize.train.io.ScalarEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI as a user runs it, on the real Fashion-MNIST package, with the shipped configs: a short
 * run leaves every artefact the docs promise, and bad input fails with exit code 2 and a message
 * that names what is wrong.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliEndToEndTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @TempDir static Path tmp;
  private static Path run;

  record Outcome(int code, String out, String err) {}

  static Outcome cli(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @BeforeAll
  static void shortRun() {
    run = tmp.resolve("run");
    Outcome o = cli("train", "--config", REPO.resolve("configs/vit_quickstart.yaml").toString(),
        "--set", "train.steps=200", "--set", "train.log-every=50", "--set", "data.test-subset=2000", "--out", run.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("test top-1");
  }

  @Test
  @Order(1)
  void shortRunLeavesSummaryMetricsEventsAndCheckpoint() throws Exception {
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertThat(summary.get("model").asText()).isEqualTo("vit_quickstart");
    assertThat(summary.get("scheme").asText()).isEqualTo("dense");
    assertThat(summary.get("params").asLong()).isEqualTo(803_338L);
    assertThat(summary.get("steps").asLong()).isEqualTo(200);
    assertThat(summary.get("eval_top1").asDouble()).isBetween(0.5, 1.0); // 200 steps: far above chance
    assertThat(summary.get("examples_per_sec").asDouble()).isPositive();
    assertThat(summary.get("example_unit").asText()).isEqualTo("images");

    assertThat(MetricsLog.read(run.resolve("metrics.jsonl")))
        .anySatisfy(n -> assertThat(n.get("kind").asText()).isEqualTo("train"))
        .anySatisfy(n -> assertThat(n.get("kind").asText()).isEqualTo("eval"))
        .allSatisfy(n -> assertThat(n.has(n.get("kind").asText().equals("eval") ? "unit" : "examples_per_sec")).isTrue())
        .filteredOn(n -> n.get("kind").asText().equals("eval"))
        .allSatisfy(n -> assertThat(n.get("unit").asText()).isEqualTo("images"));

    List<ScalarEvent> train = EventFileReader.readScalarsIn(run.resolve("tensorboard/train"));
    List<ScalarEvent> eval = EventFileReader.readScalarsIn(run.resolve("tensorboard/eval"));
    assertThat(train).extracting(ScalarEvent::tag).contains("loss", "lr", "examples_per_sec");
    assertThat(eval).extracting(ScalarEvent::tag).contains("top1");

    try (Stream<Path> ckpts = Files.list(run.resolve("checkpoints"))) {
      assertThat(ckpts.map(p -> p.getFileName().toString())).contains("ckpt-000000200");
    }
    assertThat(Files.readString(run.resolve("config.yaml"))).contains("train.steps: 200");
  }

  @Test
  @Order(2)
  void evalAndInspectReadTheRun() {
    Outcome eval = cli("eval", "--run", run.toString(), "--json");
    assertThat(eval.code()).as(eval.err()).isZero();
    assertThat(eval.out()).contains("\"step\":200").contains("\"top1\"");
    Outcome inspect = cli("inspect", run.toString(), "--json");
    assertThat(inspect.code()).as(inspect.err()).isZero();
    assertThat(inspect.out()).contains("ckpt-000000200").contains("events.out.tfevents");
  }

  @Test
  @Order(3)
  void resumeOfAFinishedRunRefusesAndChangesNothing() throws Exception {
    byte[] summaryBefore = Files.readAllBytes(run.resolve("summary.json"));
    Outcome o = cli("train", "--resume", run.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("has finished").contains("train.steps");
    assertThat(run.resolve("summary.json")).hasBinaryContent(summaryBefore);
  }

  @Test
  void resumeRefusesToChangeTheConfiguration() {
    Outcome o = cli("train", "--resume", run.toString(), "--set", "optim.lr=1");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("--resume").contains("config.yaml");
  }

  @Test
  void existingRunDirectoryIsNeverOverwrittenWithoutForce() throws Exception {
    long before;
    try (Stream<Path> files = Files.walk(run)) {
      before = files.count();
    }
    Outcome o = cli("train", "--set", "train.steps=1", "--out", run.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains(run.toString()).contains("--force").contains("--resume");
    try (Stream<Path> files = Files.walk(run)) {
      assertThat(files.count()).isEqualTo(before);
    }
  }

  @Test
  void unknownKeyNamesTheClosestValidOne() {
    Outcome o = cli("train", "--set", "optim.learning-rate=1e-3", "--out", tmp.resolve("never").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("optim.learning-rate").contains("optim.lr");
    assertThat(tmp.resolve("never")).doesNotExist();
  }

  @Test
  void badValueNamesTheKeyAndTheValidRange() {
    Outcome o = cli("train", "--set", "train.batch-size=0", "--out", tmp.resolve("never").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("train.batch-size").contains("[1, 65536]");
  }

  @Test
  void unknownModelSuggestsARegisteredOne() {
    Outcome o = cli("train", "--set", "model=vit_smal_patch16_224", "--out", tmp.resolve("never").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("vit_small_patch16_224");
  }

  @Test
  void invalidModelShapeSaysWhichConstraintFailed() {
    Outcome o = cli("train", "--set", "model=vit_small_patch16_224", "--out", tmp.resolve("never").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("image size 28").contains("patch size 16");
  }

  @Test
  void missingDataDirectoryTellsHowToGetTheData() {
    Outcome o = cli("train", "--data", tmp.resolve("no-such-dir").toString(), "--out", tmp.resolve("never").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("no-such-dir").contains("apt-get install dataset-fashion-mnist").contains("--data");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sw", "dw", "mb", "ewa", "topk"})
  void everySchemeTrainsTheQuickstartModelAndReportsBothParameterCounts(String scheme) throws Exception {
    Path dir = tmp.resolve("scheme-" + scheme);
    Outcome o = cli("train", "--config", REPO.resolve("configs/vit_quickstart.yaml").toString(),
        "--set", "fusion.scheme=" + scheme, "--set", "train.steps=4", "--set", "train.batch-size=32",
        "--set", "data.train-subset=512", "--set", "data.test-subset=256", "--out", dir.toString());
    assertThat(o.code()).as(o.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(summary.get("scheme").asText()).isEqualTo(scheme);
    assertThat(summary.get("experts").asInt()).isEqualTo(4);
    assertThat(summary.get("placement").asText()).isEqualTo("all");
    assertThat(summary.get("expert_layers")).hasSize(4);
    assertThat(summary.get("params").asLong()).isEqualTo(803_338L); // the dense model it fuses into
    assertThat(summary.get("params_training").asLong()).isGreaterThan(803_338L);
  }

  @Test
  void upcyclingStartsTheExpertsFromTheDenseRunAndWarnsAboutExactCopies() {
    Path dir = tmp.resolve("upcycled-mb");
    Outcome o = cli("train", "--config", REPO.resolve("configs/vit_quickstart.yaml").toString(),
        "--set", "fusion.scheme=mb", "--set", "fusion.init=upcycle", "--set", "fusion.upcycle-from=" + run,
        "--set", "train.steps=4", "--set", "train.batch-size=32", "--set", "data.train-subset=512",
        "--set", "data.test-subset=256", "--out", dir.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("upcycling: experts start as copies of the dense FFNs of " + run.resolve("checkpoints"));
    assertThat(o.err()).contains("warning: fusion.init = upcycle with fusion.upcycle-noise = 0 under mb")
        .contains("fusion.upcycle-noise (e.g. 0.01)");
  }

  @Test
  void upcyclingFromAnotherModelSaysWhatDiffersAndCreatesNothing() {
    Outcome o = cli("train", "--set", "fusion.scheme=sw", "--set", "model.dim=64", "--set", "fusion.init=upcycle",
        "--set", "fusion.upcycle-from=" + run, "--out", tmp.resolve("never").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("fusion.upcycle-from").contains("does not hold the dense parameters of this model")
        .contains("patch_embed.proj.weight: expected [64, 1, 7, 7], found [128, 1, 7, 7]");
    assertThat(tmp.resolve("never")).doesNotExist();
  }

  @Test
  void upcyclingFromInsideTheOutputDirectoryIsRefusedEvenWithForce() {
    Outcome o = cli("train", "--set", "fusion.scheme=sw", "--set", "fusion.init=upcycle",
        "--set", "fusion.upcycle-from=" + run, "--out", run.getParent().toString(), "--force");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("fusion.upcycle-from: ").contains("lies inside the output directory " + run.getParent())
        .contains("choose another --out");
    assertThat(run.resolve("config.yaml")).isRegularFile();
  }

  @Test
  void badAnnotationOverrideNamesTheKeyAndTheField() {
    Outcome o = cli("train", "--set", "fusion.placement=last-9", "--out", tmp.resolve("never").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("fusion.placement").contains("last-9").contains("Block.mlp").contains("only 4 occurrences");
    assertThat(tmp.resolve("never")).doesNotExist();
  }

  @Test
  void modelsListsReferenceParameterCounts() {
    Outcome o = cli("models", "--json");
    assertThat(o.code()).isZero();
    assertThat(o.out()).contains("\"vit_small_patch16_224\"").contains("22050664")
        .contains("\"vit_base_patch16_224\"").contains("86567656")
        .contains("\"deit_small_distilled_patch16_224\"").contains("22436432")
        .contains("\"pvt_large\"").contains("61369320")
        .contains("\"swin_base_patch4_window7_224\"").contains("87768224");
  }

  @Test
  void everyShippedConfigIsValid() throws Exception {
    try (Stream<Path> configs = Files.list(REPO.resolve("configs"))) {
      for (Path config : configs.toList()) {
        // one epoch of a tiny subset and a one-block model: validates config, model shapes and data in seconds
        Outcome o = cli("train", "--config", config.toString(), "--set", "train.epochs=1",
            "--set", "data.train-subset=256", "--set", "data.test-subset=100", "--set", "train.batch-size=128",
            "--set", "model.depth=1", "--out", tmp.resolve("cfg-" + config.getFileName()).toString());
        assertThat(o.code()).as(config + ": " + o.err()).isZero();
      }
    }
  }
}
