package io.expertize.train.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

  @TempDir Path dir;

  @Test
  void newRunCreatesTheLayout() {
    RunDirectory run = RunDirectory.create(dir.resolve("run1"), false);
    assertThat(run.checkpointsDir()).isDirectory();
    assertThat(run.tensorboardDir()).isDirectory();
    assertThat(run.configFile()).isEqualTo(run.root().resolve("config.yaml"));
    assertThat(run.metricsFile()).isEqualTo(run.root().resolve("metrics.jsonl"));
    assertThat(run.summaryFile()).isEqualTo(run.root().resolve("summary.json"));
    assertThat(run.tensorboardDir("eval")).isEqualTo(run.root().resolve("tensorboard/eval"));
  }

  @Test
  void existingEmptyDirectoryIsFine() {
    assertThat(RunDirectory.create(dir, false).root()).isEqualTo(dir.toAbsolutePath());
  }

  @Test
  void nonEmptyDirectoryIsRefusedWithTheWaysOut() throws IOException {
    Files.writeString(dir.resolve("metrics.jsonl"), "{}\n");
    assertThatThrownBy(() -> RunDirectory.create(dir, false))
        .isInstanceOf(RunDirectoryException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("--out")
        .hasMessageContaining("--resume " + dir)
        .hasMessageContaining("--force");
    assertThat(dir.resolve("metrics.jsonl")).exists();
  }

  @Test
  void forceClearsTheOldRun() throws IOException {
    RunDirectory old = RunDirectory.create(dir, false);
    Files.writeString(old.metricsFile(), "{}\n");
    Files.createDirectories(old.checkpointsDir().resolve("ckpt-000000001"));

    RunDirectory run = RunDirectory.create(dir, true);
    assertThat(run.metricsFile()).doesNotExist();
    assertThat(run.checkpointsDir()).isEmptyDirectory();
  }

  @Test
  void forceRefusesTheHomeDirectory() {
    Path home = Path.of(System.getProperty("user.home"));
    assertThatThrownBy(() -> RunDirectory.create(home, true))
        .isInstanceOf(RunDirectoryException.class)
        .hasMessageContaining("refusing");
  }

  @Test
  void resumeNeedsAnEarlierRun() throws IOException {
    assertThatThrownBy(() -> RunDirectory.resume(dir.resolve("nope")))
        .isInstanceOf(RunDirectoryException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> RunDirectory.resume(dir))
        .isInstanceOf(RunDirectoryException.class)
        .hasMessageContaining("does not look like a run directory");

    RunDirectory.create(dir.resolve("run"), false);
    assertThat(RunDirectory.resume(dir.resolve("run")).checkpointsDir()).isDirectory();
  }

  @Test
  void readingAnEarlierRunChangesNothingInIt() throws IOException {
    Path run = Files.createDirectories(dir.resolve("copied-run"));
    Files.writeString(run.resolve("config.yaml"), "model: vit_quickstart\n");
    assertThat(RunDirectory.read(run).checkpointsDir()).doesNotExist();
    assertThat(RunDirectoryInspector.inspectRun(run)).containsEntry("checkpoints", List.of());
    try (var files = Files.list(run)) {
      assertThat(files).containsExactly(run.resolve("config.yaml"));
    }
    assertThatThrownBy(() -> RunDirectory.read(dir.resolve("nope")))
        .isInstanceOf(RunDirectoryException.class)
        .hasMessageContaining("cannot read: run directory " + dir.resolve("nope") + " does not exist");
  }

  @Test
  void summaryIsReplacedAtomically() throws IOException {
    RunDirectory run = RunDirectory.create(dir, false);
    run.writeJsonAtomically("summary.json", Map.of("top1", 0.25));
    run.writeJsonAtomically("summary.json", Map.of("top1", 0.75));

    JsonNode summary = Json.MAPPER.readTree(run.summaryFile().toFile());
    assertThat(summary.get("top1").asDouble()).isEqualTo(0.75);
    assertThat(CheckpointManagerTest.names(run.root()))
        .containsExactly("checkpoints", "summary.json", "tensorboard"); // no temp files left
  }

  @Test
  void jsonNamesMustBePlain() {
    RunDirectory run = RunDirectory.create(dir, false);
    assertThatThrownBy(() -> run.writeJsonAtomically("../x.json", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
