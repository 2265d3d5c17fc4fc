package io.expertize.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code expertize bench serving} on the quickstart model cut to one block: two runs of 2 steps
 * (dense and mb) trained and exported by the command itself, then measured in 2 tiny rounds. The
 * command line and the report's structure, in seconds; no timing is asserted.
 */
class BenchServingCliTest {
  @TempDir static Path tmp;
  private static CliEndToEndTest.Outcome trained;
  private static JsonNode report;

  @BeforeAll
  static void trainExportAndMeasure() throws Exception {
    trained = CliEndToEndTest.cli("bench", "serving", "--work", tmp.resolve("work").toString(), "--train-steps", "2",
        "--set", "model.depth=1", "--set", "train.batch-size=32", "--set", "data.train-subset=256",
        "--set", "data.test-subset=64", "--batches", "1,4", "--rounds", "2", "--warmup", "1", "--sample-ms", "2",
        "--json", "--quiet");
    assertThat(trained.code()).as(trained.err()).isZero();
    report = new ObjectMapper().readTree(trained.out());
  }

  @Test
  void comparesTheDenseAndMbExportsItTrainedAtEveryBatchSize() {
    assertThat(report.at("/models/a/label").asText()).isEqualTo("dense");
    assertThat(report.at("/models/b/label").asText()).isEqualTo("mb");
    assertThat(report.at("/models/a/path").asText()).isEqualTo(exportOf("dense").toString());
    assertThat(report.get("input").get("image_shape").toString()).isEqualTo("[28,28,1]");
    assertThat(report.at("/graphs/same").asBoolean()).isTrue();
    assertThat(report.at("/graphs/differences")).isEmpty();
    assertThat(report.at("/graphs/parameters_b").asLong()).isEqualTo(report.at("/graphs/parameters_a").asLong())
        .isPositive();
    JsonNode batches = report.get("batches");
    assertThat(batches).hasSize(2);
    assertThat(batches.get(0).get("batch").asInt()).isEqualTo(1);
    assertThat(batches.get(1).get("batch").asInt()).isEqualTo(4);
    for (JsonNode batch : batches) {
      JsonNode callsPerSample = batch.get("calls_per_sample");
      assertThat(callsPerSample).hasSize(2).allSatisfy(c -> assertThat(c.asInt()).isPositive());
      int calls = callsPerSample.get(0).asInt() + callsPerSample.get(1).asInt();
      for (String model : new String[] {"a", "b"}) {
        JsonNode t = batch.get(model);
        assertThat(t.at("/latency_s/calls").asInt()).isEqualTo(calls);
        assertThat(t.at("/latency_s/median").asDouble()).isPositive();
        assertThat(t.get("images_per_sec").asDouble()).isPositive();
        assertThat(t.at("/sample_wall_s/samples")).hasSize(2);
        assertThat(t.at("/sample_cpu_s/samples")).hasSize(2);
      }
      assertThat(batch.at("/ratio_b_over_a_wall/samples")).hasSize(2);
      assertThat(batch.at("/ratio_b_over_a_wall/median").asDouble()).isPositive();
      assertThat(batch.at("/ratio_b_over_a_wall/median_ci95")).hasSize(2);
      assertThat(batch.at("/ratio_b_over_a_cpu/samples")).hasSize(2);
      assertThat(batch.has("ratio_b_over_a_cpu_totals")).isTrue();
    }
  }

  @Test
  void givenAnExportAndAModelBasePathPrintsTheTables() {
    CliEndToEndTest.Outcome o = CliEndToEndTest.cli("bench", "serving", "--a", exportOf("dense").toString(),
        "--b", exportOf("mb").getParent().toString(), "--batches", "2", "--rounds", "2", "--warmup", "0",
        "--sample-ms", "1");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("A: dense  " + exportOf("dense"), "B: mb  " + exportOf("mb"), "graphs: the same: ",
        "| batch | model | calls / sample (median) | latency ms |", "| 2 | A dense |", "| 2 | B mb |",
        "| batch | B / A wall | 95% interval | IQR | B / A CPU | 95% interval | IQR | B / A CPU, totals |");
    assertThat(o.err()).contains("bench serving: round 2/2");
  }

  @Test
  void aDirectoryWithoutASavedModelIsAUsageError() {
    Path missing = tmp.resolve("no-such-model");
    CliEndToEndTest.Outcome o = CliEndToEndTest.cli("bench", "serving", "--a", exportOf("dense").toString(),
        "--b", missing.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("--b " + missing).contains("holds no saved_model.pb");
  }

  @Test
  void oneModelWithoutTheOtherIsAUsageError() {
    CliEndToEndTest.Outcome o = CliEndToEndTest.cli("bench", "serving", "--a", exportOf("dense").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("both --a and --b");
  }

  @Test
  void aSchemeThatCannotBeFusedIsRefusedBeforeTraining() {
    CliEndToEndTest.Outcome o = CliEndToEndTest.cli("bench", "serving", "--scheme", "topk",
        "--work", tmp.resolve("never").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("--scheme topk");
    assertThat(tmp.resolve("never")).doesNotExist();
  }

  private static Path exportOf(String scheme) {
    return tmp.resolve("work/exports").resolve(scheme).resolve("1").toAbsolutePath();
  }
}
