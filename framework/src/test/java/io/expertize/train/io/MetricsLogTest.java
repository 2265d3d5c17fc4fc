package io.expertize.train.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

  @TempDir Path dir;

  @Test
  void oneObjectPerLineInFieldOrder() throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    try (MetricsLog log = MetricsLog.open(file)) {
      Map<String, Object> train = new LinkedHashMap<>();
      train.put("loss", 1.23);
      train.put("lr", 0.001);
      train.put("examples_per_sec", 512.3);
      log.log("train", 100, 0, train);
      // flushed per line: visible before close
      assertThat(Files.readAllLines(file)).hasSize(1);
      log.log("eval", 100, 0, Map.of("top1", 0.5));
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0))
        .startsWith("{\"kind\":\"train\",\"step\":100,\"epoch\":0,\"loss\":1.23,\"lr\":0.001,"
            + "\"examples_per_sec\":512.3,\"time\":");
    List<ObjectNode> records = MetricsLog.read(file);
    assertThat(records).hasSize(2);
    assertThat(records.get(1).get("kind").asText()).isEqualTo("eval");
    assertThat(records.get(1).get("top1").asDouble()).isEqualTo(0.5);
    assertThat(records.get(1).get("time").asDouble()).isPositive();
  }

  @Test
  void nonFiniteLossStaysValidJson() throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    try (MetricsLog log = MetricsLog.open(file)) {
      log.log("train", 1, 0, Map.of("loss", Double.NaN));
    }
    assertThat(MetricsLog.read(file).get(0).get("loss").asDouble()).isNaN();
  }

  @Test
  void resumingAppendsAndDropsALineTornByACrash() throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    try (MetricsLog log = MetricsLog.open(file)) {
      log.log("train", 1, 0, Map.of("loss", 2.0));
    }
    Files.writeString(file, "{\"kind\":\"train\",\"st", StandardOpenOption.APPEND);
    assertThat(MetricsLog.read(file)).hasSize(1); // the reader tolerates the torn tail

    try (MetricsLog log = MetricsLog.open(file)) {
      log.log("train", 2, 0, Map.of("loss", 1.0));
    }
    assertThat(MetricsLog.read(file))
        .extracting(r -> r.get("step").asLong())
        .containsExactly(1L, 2L);
  }

  @Test
  void malformedInteriorLineIsAnErrorNamingTheLine() throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    Files.writeString(file, "{\"step\":1}\nnot json\n{\"step\":2}\n");
    assertThatThrownBy(() -> MetricsLog.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file + ":2");
  }

  @Test
  void reservedNamesAreRefused() {
    try (MetricsLog log = MetricsLog.open(dir.resolve("m.jsonl"))) {
      assertThatThrownBy(() -> log.log("train", 1, 0, Map.of("step", 3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'step' is reserved");
    }
  }

  @Test
  void truncateAfterKeepsTheLinesUpToTheCheckpointByteForByteAndDropsATornLine() throws IOException {
    Path file = dir.resolve("truncate.jsonl");
    String kept = "{\"kind\":\"train\",\"step\":55,\"loss\":1.0E-3}\n{\"kind\":\"eval\",\"step\":60,\"top1\":0.5}\n";
    Files.writeString(file, kept + "{\"kind\":\"train\",\"step\":65}\n{\"kind\":\"train\",\"step\":70}\n{\"kind\":\"tr");

    assertThat(MetricsLog.truncateAfter(file, 60)).isEqualTo(2);
    assertThat(file).hasContent(kept.strip());
    assertThat(Files.readString(file)).isEqualTo(kept);
  }
}
