package io.expertize.cli;

import static io.expertize.cli.CliEndToEndTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expertize.cli.CliEndToEndTest.Outcome;
import io.expertize.train.io.EventFileReader;
import io.expertize.train.io.MetricsLog;
import io.expertize.train.io.ScalarEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * T5 through the CLI on Debian's fortunes, shrunk to seconds: the shipped config trains (dense and
 * under expert schemes), evaluates on held-out text, resumes, and exports to a SavedModel that,
 * loaded back, answers strings with strings; bad T5 settings fail with exit 2 naming the key.
 */
class T5CliEndToEndTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  /** One layer of 32 per stack, 32-byte inputs, 4 steps of 8 examples. */
  private static final List<String> TINY = List.of("--set", "model.dim=32", "--set", "model.depth=1",
      "--set", "model.heads=2", "--set", "model.mlp-ratio=2", "--set", "data.inputs-length=32",
      "--set", "train.steps=4", "--set", "train.batch-size=8", "--set", "train.log-every=2",
      "--set", "data.train-subset=64", "--set", "data.test-subset=16", "--set", "eval.batch-size=16");

  @TempDir static Path tmp;
  private static Path run;

  private static Outcome train(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "--config", REPO.resolve("configs/t5_tiny_fortunes.yaml").toString()));
    args.addAll(TINY);
    args.addAll(List.of(more));
    args.addAll(List.of("--out", out.toString()));
    return cli(args.toArray(String[]::new));
  }

  @BeforeAll
  static void shortRun() {
    run = tmp.resolve("dense");
    Outcome o = train(run);
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("training t5_tiny_fortunes (dense").contains("target tokens").contains(" seq/s ")
        .contains(" sequences/s,").doesNotContain("img/s").doesNotContain("images/s");
  }

  @Test
  void shortRunLeavesSummaryMetricsEventsAndCheckpoint() throws Exception {
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertThat(summary.get("model").asText()).isEqualTo("t5_tiny_fortunes");
    assertThat(summary.get("scheme").asText()).isEqualTo("dense");
    assertThat(summary.get("steps").asLong()).isEqualTo(4);
    assertThat(summary.get("eval_top1").asDouble()).isBetween(0.0, 1.0);
    assertThat(summary.get("examples_per_sec").asDouble()).isPositive();
    assertThat(summary.get("example_unit").asText()).isEqualTo("sequences");
    assertThat(summary.has("images_per_sec")).isFalse();
    assertThat(MetricsLog.read(run.resolve("metrics.jsonl")))
        .anySatisfy(n -> assertThat(n.get("kind").asText()).isEqualTo("train"))
        .anySatisfy(n -> assertThat(n.get("kind").asText()).isEqualTo("eval"))
        .filteredOn(n -> n.get("kind").asText().equals("eval"))
        .allSatisfy(n -> assertThat(n.get("unit").asText()).isEqualTo("target tokens"));
    List<ScalarEvent> train = EventFileReader.readScalarsIn(run.resolve("tensorboard/train"));
    assertThat(train).extracting(ScalarEvent::tag).contains("loss", "lr", "examples_per_sec");
    assertThat(run.resolve("checkpoints/ckpt-000000004")).isDirectory();
  }

  @Test
  void evalOfTheRunRepeatsTheRunsEvaluationAndResumeRefusesAFinishedRun() throws Exception {
    Outcome eval = cli("eval", "--run", run.toString(), "--json");
    assertThat(eval.code()).as(eval.err()).isZero();
    JsonNode e = new ObjectMapper().readTree(eval.out());
    assertThat(e.get("unit").asText()).isEqualTo("target tokens");
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertThat(e.get("top1").asDouble()).isEqualTo(summary.get("eval_top1").asDouble());

    // a finished run is refused with the way on, and its record stays as it was
    Outcome resumed = cli("train", "--resume", run.toString());
    assertThat(resumed.code()).as(resumed.err()).isEqualTo(2);
    assertThat(resumed.err()).contains("has finished: its last checkpoint is step 4 of 4", "--set train.steps=8 --out NEW_DIR");
    assertThat(new ObjectMapper().readTree(run.resolve("summary.json").toFile()).get("eval_top1"))
        .isEqualTo(summary.get("eval_top1"));
  }

  @Test
  void exportAnswersStringsWithStringsAndScoresTargets() {
    Outcome o = cli("export", "--run", run.toString(), "--out", tmp.resolve("models").toString(), "--max-length", "7", "--json");
    assertThat(o.code()).as(o.err()).isZero();
    Path dir = tmp.resolve("models/t5_tiny_fortunes/1");
    try (SavedModelBundle model = SavedModelBundle.load(dir.toString(), "serve");
        TString in = TString.tensorOf(NdArrays.vectorOfObjects("Fortune favours the <extra_id_0>", "ünïcödé ✓"));
        TString targets = TString.tensorOf(NdArrays.vectorOfObjects("bold", "✓"));
        Result answer = model.function("serving_default").call(Map.of("inputs", in));
        Result scores = model.function("logits").call(Map.of("inputs", in, "targets", targets))) {
      TString out = (TString) answer.get("outputs").orElseThrow();
      assertThat(out.shape().asArray()).containsExactly(2);
      for (int i = 0; i < 2; i++) { // whatever it says after 4 steps is text: UTF-8 of at most 7 tokens
        String text = StandardCharsets.UTF_8.newDecoder() // throws on broken UTF-8
            .decode(java.nio.ByteBuffer.wrap(out.asBytes().getObject(i))).toString();
        assertThat(text.replaceAll("<extra_id_\\d+>", "s").getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(7);
      }
      assertThat(((TInt32) answer.get("output_ids").orElseThrow()).shape().asArray()).containsExactly(2, 7);
      assertThat(((TFloat32) scores.get("logits").orElseThrow()).shape().asArray()).containsExactly(2, 7, 384);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new AssertionError("the served answer is not UTF-8", e);
    }
    assertThat(o.out()).contains("\"probe_texts\":5").contains("\"fusion\":\"exact\"");
  }

  @Test
  void benchServingTimesTheExportOnSentences() throws Exception {
    Path base = tmp.resolve("models-bench");
    assertThat(cli("export", "--run", run.toString(), "--out", base.toString(), "--max-length", "5").code()).isZero();
    Path export = base.resolve("t5_tiny_fortunes/1");
    Outcome o = cli("bench", "serving", "--a", export.toString(), "--b", base.resolve("t5_tiny_fortunes").toString(),
        "--batches", "1,3", "--rounds", "2", "--warmup", "0", "--sample-ms", "1", "--json", "--quiet");
    assertThat(o.code()).as(o.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(o.out());
    assertThat(report.at("/input/name").asText()).isEqualTo("inputs");
    assertThat(report.at("/input/prompts").get(0).asText()).contains("<extra_id_0>");
    assertThat(report.at("/graphs/same").asBoolean()).isTrue();
    assertThat(report.get("batches")).hasSize(2).allSatisfy(b -> {
      assertThat(b.at("/a/texts_per_sec").asDouble()).isPositive();
      assertThat(b.at("/ratio_b_over_a_wall/median").asDouble()).isPositive();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"sw", "dw", "mb", "ewa"})
  void everyExactlyFusibleSchemeTrainsAndExportsDense(String scheme) throws Exception {
    Path dir = tmp.resolve("scheme-" + scheme);
    Outcome o = train(dir, "--set", "fusion.scheme=" + scheme);
    assertThat(o.code()).as(o.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(summary.get("expert_layers")).hasSize(2);
    assertThat(summary.get("params_training").asLong()).isGreaterThan(summary.get("params").asLong());

    Outcome export = cli("export", "--run", dir.toString(), "--out", tmp.resolve("models-" + scheme).toString(), "--json");
    assertThat(export.code()).as(export.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(export.out());
    assertThat(result.get("fusion").asText()).isEqualTo("exact");
    assertThat(result.get("parameters").asLong()).isEqualTo(summary.get("params").asLong());
  }

  @Test
  void topKRunIsRefusedExactExportAndExportsAveragedWhenAsked() throws Exception {
    Path dir = tmp.resolve("scheme-topk");
    Outcome o = train(dir, "--set", "fusion.scheme=topk");
    assertThat(o.code()).as(o.err()).isZero();
    String base = tmp.resolve("models-topk").toString();
    Outcome refused = cli("export", "--run", dir.toString(), "--out", base);
    assertRefused(refused, "top-k MoE", "--average-top-k");
    assertThat(tmp.resolve("models-topk/t5_tiny_fortunes")).doesNotExist();

    Outcome averaged = cli("export", "--run", dir.toString(), "--out", base, "--average-top-k", "--json");
    assertThat(averaged.code()).as(averaged.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(averaged.out());
    assertThat(result.get("fusion").asText()).isEqualTo("averaged-top-k");
    assertThat(result.get("parameters").asLong())
        .isEqualTo(new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("params").asLong());
    try (SavedModelBundle model = SavedModelBundle.load(tmp.resolve("models-topk/t5_tiny_fortunes/1").toString(), "serve");
        TString in = TString.tensorOf(NdArrays.vectorOfObjects("A fool and his <extra_id_0> are soon parted."));
        Result answer = model.function("serving_default").call(Map.of("inputs", in))) {
      assertThat(((TString) answer.get("outputs").orElseThrow()).shape().asArray()).containsExactly(1);
    }
  }

  @Test
  void modelsListsTheT5sWithExactCounts() throws Exception {
    Outcome o = cli("models", "--json");
    assertThat(o.code()).as(o.err()).isZero();
    Map<String, Long> params = new java.util.TreeMap<>();
    new ObjectMapper().readTree(o.out()).forEach(n -> params.put(n.get("name").asText(), n.get("params").asLong()));
    assertThat(params).containsEntry("t5_small", 60_506_624L).containsEntry("t5_base", 222_903_552L)
        .containsEntry("t5_v1_1_small", 76_961_152L).containsEntry("t5_v1_1_base", 247_577_856L)
        .containsEntry("byt5_small", 299_637_760L).containsEntry("t5_tiny_fortunes", 1_050_624L);
  }

  private static void assertRefused(Outcome o, String... message) {
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
    assertThat(o.err()).contains(message);
  }

  @Test
  void badT5SettingsNameTheKeyAndWhatIsValid() {
    Path never = tmp.resolve("never");
    assertRefused(train(never, "--set", "model.patch-size=4"), "model.patch-size", "does not apply to T5");
    assertRefused(train(never, "--set", "model.window-size=7"), "model.window-size = 7", "applies to Swin only");
    assertRefused(train(never, "--set", "model.depths=2,2"), "model.depths = 2,2", "set model.depth");
    assertRefused(train(never, "--set", "data.inputs-length=4"), "data.inputs-length", "[8, 8192]");
    assertRefused(train(never, "--set", "data.inputs-length=4096"), "data.inputs-length", "125 sentinels");
    assertRefused(train(never, "--set", "model.mlp-ratio=0.001"), "model.mlp-ratio", "d_ff = 0");
    assertRefused(train(never, "--set", "model.image-size=28"), "model.image-size", "text");
    assertRefused(train(never, "--set", "aug.mixup-alpha=0.8"), "aug.mixup-alpha = 0.8", "image augmentation");
    assertRefused(train(never, "--set", "data=fashion-mnist"), "t5_tiny_fortunes", "not an image classifier");
    assertRefused(train(never, "--set", "model=vit_quickstart"), "fortunes is text", "vit_quickstart");
    assertRefused(train(never, "--data", tmp.resolve("no-fortunes").toString()), "no-fortunes", "apt-get install fortunes");
    assertThat(never).doesNotExist();
  }
}
