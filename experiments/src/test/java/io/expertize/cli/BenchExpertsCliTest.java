package io.expertize.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@code expertize bench experts} with the zoo's ViT at a tiny size: the command line, the registry
 * lookup in the memory children and the JSON report, in seconds (no timing is asserted).
 */
class BenchExpertsCliTest {

  @Test
  void tinyVitMeasuresTimeAndMemoryOfEachScheme() throws Exception {
    CliEndToEndTest.Outcome o = CliEndToEndTest.cli("bench", "experts", "--dim", "32", "--heads", "2",
        "--image-size", "16", "--patch", "8", "--batch", "4", "--schemes", "mb,ewa", "--experts", "2",
        "--warmup", "1", "--steps", "2", "--memory-steps", "1", "--memory-repeats", "1", "--json", "--quiet");
    assertThat(o.code()).as(o.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(o.out());
    assertThat(json.at("/model/name").asText()).isEqualTo("vit_small_patch16_224");
    assertThat(json.at("/model/tokens").asInt()).isEqualTo(5);
    JsonNode configs = json.get("configs");
    assertThat(configs).hasSize(3);
    assertThat(configs.get(0).get("config").asText()).isEqualTo("dense");
    JsonNode mb = configs.get(1);
    assertThat(mb.get("config").asText()).isEqualTo("mb-2");
    // one more FFN (32 -> 128 -> 32) and the router (32 -> 2)
    assertThat(mb.get("extra_parameters").asLong()).isEqualTo(32 * 128 + 128 + 128 * 32 + 32 + 32 * 2 + 2);
    assertThat(mb.at("/ratio_to_dense/samples")).hasSize(2);
    assertThat(mb.at("/memory/variable_bytes").asLong()).isPositive();
    assertThat(mb.at("/memory/expected_extra_bytes").asLong()).isEqualTo(16 * mb.get("extra_parameters").asLong());
  }

  @Test
  void unknownSchemeIsAUsageError() {
    CliEndToEndTest.Outcome o = CliEndToEndTest.cli("bench", "experts", "--schemes", "mb,moe");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("unknown scheme 'moe'");
  }
}
