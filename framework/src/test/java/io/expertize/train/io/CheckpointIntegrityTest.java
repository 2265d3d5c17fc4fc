package io.expertize.train.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints carry SHA-256 digests; a damaged newest one is reported and the newest intact one used. */
class CheckpointIntegrityTest {

  @TempDir Path dir;

  @Test
  void aFlippedByteOfTheSameSizeIsFoundByItsDigestBeforeTensorFlowReadsIt() throws IOException {
    Checkpoint saved = saveSteps(1).get(0);
    Path data = CheckpointManagerTest.dataFile(saved.path());
    flipOneByte(data);
    assertThatThrownBy(() -> CheckpointManager.load(saved.path()))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(saved.path().toString())
        .hasMessageContaining("file " + data.getFileName() + " does not match its SHA-256 in meta.json");
  }

  @Test
  void aDamagedNewestCheckpointIsReportedAndTheNewestIntactOneIsUsed() throws IOException {
    List<Checkpoint> saved = saveSteps(20, 40);
    Path data = CheckpointManagerTest.dataFile(saved.get(1).path());
    try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    List<String> warnings = new ArrayList<>();
    Checkpoint used = new CheckpointManager(dir, 3).latestIntact(warnings::add).orElseThrow();
    assertThat(used.step()).isEqualTo(20);
    assertThat(warnings).singleElement().asString()
        .contains(saved.get(1).path().toString()).contains(data.getFileName() + " has ").contains("truncated")
        .endsWith("using the newest intact one, " + saved.get(0).path());
    assertThat(CheckpointManager.find(dir, warnings::add).step()).isEqualTo(20);
    assertThat(new CheckpointManager(dir, 3).damaged()).containsOnlyKeys(saved.get(1).path());
    assertThat(saved.get(1).path()).isDirectory(); // reported, never deleted

    assertThatThrownBy(() -> CheckpointManager.find(saved.get(1).path()))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("pass --checkpoint " + saved.get(0).path() + " to use it");
  }

  @Test
  void aCheckpointWrittenBeforeDigestsLoadsByItsSizes() throws IOException {
    Checkpoint saved = saveSteps(3).get(0);
    Path meta = saved.path().resolve(CheckpointManager.META);
    ObjectNode old = (ObjectNode) Json.MAPPER.readTree(meta.toFile());
    assertThat(old.has("sha256")).isTrue();
    old.remove("sha256");
    Files.write(meta, Json.MAPPER.writeValueAsBytes(old));

    Checkpoint loaded = CheckpointManager.load(saved.path());
    assertThat(loaded.meta().manifest().sha256()).isEmpty();
    try (TinyModel fresh = new TinyModel(TinyModel.zeros(), false)) {
      new CheckpointManager(dir, 3).restore(fresh.session(), loaded);
      CheckpointManagerTest.assertSameValues(fresh.values(), CheckpointManagerTest.A);
    }
  }

  private List<Checkpoint> saveSteps(long... steps) {
    CheckpointManager ckpts = new CheckpointManager(dir, 3);
    List<Checkpoint> saved = new ArrayList<>();
    try (TinyModel model = new TinyModel(CheckpointManagerTest.A)) {
      for (long step : steps) {
        saved.add(ckpts.save(model.session(), step, 0));
      }
    }
    return saved;
  }

  private static void flipOneByte(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0x01);
    }
  }
}
