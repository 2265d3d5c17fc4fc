package io.expertize.train.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointManagerTest {

  static final TinyModel.Values A =
      new TinyModel.Values(new float[][] {{1, 2}, {3, 4}}, new float[] {0.5f, -1, 7}, 10);
  static final TinyModel.Values B =
      new TinyModel.Values(new float[][] {{9, 8}, {7, 6}}, new float[] {5, 4, 3}, 20);

  @TempDir Path dir;

  @Test
  void savedValuesAndMetaComeBackInAFreshSession() throws IOException {
    CheckpointManager ckpts = new CheckpointManager(dir.resolve("checkpoints"), 3);
    try (TinyModel model = new TinyModel(A)) {
      ckpts.save(model.session(), 1234, 2, Map.of("loader_position", 4096, "seed", 7));
    }

    Checkpoint latest = ckpts.latest().orElseThrow();
    assertThat(latest.step()).isEqualTo(1234);
    assertThat(latest.path().getFileName()).hasToString("ckpt-000001234");
    assertThat(latest.meta().epoch()).isEqualTo(2);
    assertThat(latest.meta().wallTime()).isPositive();
    assertThat(latest.meta().extra(Map.class)).containsEntry("loader_position", 4096);
    assertThat(names(latest.path()))
        .contains("meta.json", "variables.index")
        .anyMatch(n -> n.startsWith("variables.data-"));
    assertThat(names(ckpts.directory())).containsExactly("ckpt-000001234");

    try (TinyModel fresh = new TinyModel(TinyModel.zeros(), false)) {
      ckpts.restore(fresh.session(), latest);
      assertSameValues(fresh.values(), A);
    }
  }

  @Test
  void keepsOnlyTheNewestK() throws IOException {
    CheckpointManager ckpts = new CheckpointManager(dir, 2);
    try (TinyModel model = new TinyModel(A)) {
      for (long step : new long[] {100, 200, 300}) {
        ckpts.save(model.session(), step, 0);
      }
    }
    assertThat(ckpts.list()).extracting(Checkpoint::step).containsExactly(200L, 300L);
    assertThat(names(dir)).containsExactly("ckpt-000000200", "ckpt-000000300");
  }

  @Test
  void savingTheSameStepAgainReplacesIt() {
    CheckpointManager ckpts = new CheckpointManager(dir, 3);
    try (TinyModel model = new TinyModel(A)) {
      ckpts.save(model.session(), 5, 0);
      model.assign(B);
      ckpts.save(model.session(), 5, 1);
      model.assign(A);
      ckpts.restore(model.session(), ckpts.latest().orElseThrow());
      assertSameValues(model.values(), B);
    }
    assertThat(ckpts.list()).singleElement().satisfies(c -> assertThat(c.meta().epoch()).isOne());
  }

  @Test
  void latestSkipsIncompleteDirsAndCleansTempsOfDeadWriters() throws IOException {
    CheckpointManager ckpts = new CheckpointManager(dir, 3);
    try (TinyModel model = new TinyModel(A)) {
      ckpts.save(model.session(), 3, 0);
    }
    Files.createDirectories(dir.resolve("ckpt-000000009")); // no meta.json: incomplete
    Path dead = Files.createDirectories(dir.resolve(".tmp-ckpt-12-999999999-x"));
    Files.writeString(dead.resolve("variables.index"), "partial");
    long livePid = ProcessHandle.current().parent().orElseThrow().pid();
    Path live = Files.createDirectories(dir.resolve(".tmp-ckpt-12-" + livePid + "-y"));

    assertThat(ckpts.latest()).hasValueSatisfying(c -> assertThat(c.step()).isEqualTo(3));
    assertThat(dead).doesNotExist();
    assertThat(live).exists(); // its writer may still be at work
  }

  @Test
  void noCheckpointsYieldsEmpty() {
    assertThat(new CheckpointManager(dir.resolve("none"), 1).latest()).isEmpty();
  }

  @Test
  void truncatedVariablesFileIsReportedBeforeTensorFlowReadsIt() throws IOException {
    CheckpointManager ckpts = new CheckpointManager(dir, 1);
    Checkpoint saved;
    try (TinyModel model = new TinyModel(A)) {
      saved = ckpts.save(model.session(), 1, 0);
    }
    Path data = dataFile(saved.path());
    byte[] bytes = Files.readAllBytes(data);
    Files.write(data, Arrays.copyOf(bytes, bytes.length / 2));

    try (TinyModel fresh = new TinyModel(TinyModel.zeros())) {
      assertThatThrownBy(() -> ckpts.restore(fresh.session(), saved))
          .isInstanceOf(CheckpointException.class)
          .hasMessageContaining(saved.path().toString())
          .hasMessageContaining(data.getFileName().toString())
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void damagedVariablesFileOfTheSameSizeIsFoundByItsDigest() throws IOException {
    CheckpointManager ckpts = new CheckpointManager(dir, 1);
    Checkpoint saved;
    try (TinyModel model = new TinyModel(A)) {
      saved = ckpts.save(model.session(), 1, 0);
    }
    Path data = dataFile(saved.path());
    byte[] bytes = Files.readAllBytes(data);
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] ^= (byte) 0x5a; // same size: only a checksum can tell
    }
    Files.write(data, bytes);

    try (TinyModel fresh = new TinyModel(TinyModel.zeros())) {
      assertThatThrownBy(() -> ckpts.restore(fresh.session(), saved))
          .isInstanceOf(CheckpointException.class)
          .hasMessageContaining(saved.path().toString())
          .hasMessageContaining("does not match its SHA-256");
    }
  }

  @Test
  void garbledMetaIsReportedNotSkipped() throws IOException {
    CheckpointManager ckpts = new CheckpointManager(dir, 2);
    try (TinyModel model = new TinyModel(A)) {
      ckpts.save(model.session(), 1, 0);
      ckpts.save(model.session(), 2, 0);
    }
    Path meta = dir.resolve("ckpt-000000002/meta.json");
    Files.writeString(meta, "{\"step\": 2, \"epo", StandardCharsets.UTF_8);

    assertThatThrownBy(ckpts::latest)
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(dir.resolve("ckpt-000000002").toString())
        .hasMessageContaining("meta.json is not valid JSON");
  }

  @Test
  void metaWithWrongFieldsNamesTheField() throws IOException {
    Path ckpt = Files.createDirectories(dir.resolve("ckpt-000000004"));
    Files.writeString(ckpt.resolve("meta.json"), "{\"step\": \"four\", \"files\": {}}");
    assertThatThrownBy(() -> CheckpointManager.load(ckpt))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("'step'");
  }

  @Test
  void missingCheckpointIsReported() {
    Path missing = dir.resolve("ckpt-000000077");
    assertThatThrownBy(() -> CheckpointManager.load(missing))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void findTakesACheckpointOrTheNewestOfARunOrCheckpointsDirectory() throws IOException {
    Path run = dir.resolve("run");
    CheckpointManager m = new CheckpointManager(run.resolve("checkpoints"), 3);
    try (TinyModel model = new TinyModel(A)) {
      m.save(model.session(), 5, 0);
      m.save(model.session(), 9, 1);
    }
    assertThat(CheckpointManager.find(run).step()).isEqualTo(9);
    assertThat(CheckpointManager.find(run.resolve("checkpoints")).step()).isEqualTo(9);
    assertThat(CheckpointManager.find(run.resolve("checkpoints/ckpt-000000005")).step()).isEqualTo(5);

    assertThatThrownBy(() -> CheckpointManager.find(dir.resolve("nowhere")))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(dir.resolve("nowhere") + ": does not exist");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> CheckpointManager.find(empty))
        .hasMessageContaining(empty + ": holds no intact checkpoint; expected a checkpoint directory "
            + "(ckpt-<step> with meta.json), or a run directory whose checkpoints/ holds one");
    Path file = Files.writeString(dir.resolve("model.bin"), "x");
    assertThatThrownBy(() -> CheckpointManager.find(file)).hasMessageContaining("is a file; expected a checkpoint");
  }

  static void assertSameValues(TinyModel.Values actual, TinyModel.Values expected) {
    assertThat(actual.weight()).isDeepEqualTo(expected.weight());
    assertThat(actual.bias()).containsExactly(expected.bias());
    assertThat(actual.step()).isEqualTo(expected.step());
  }

  static Path dataFile(Path ckpt) throws IOException {
    try (Stream<Path> files = Files.list(ckpt)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("variables.data-"))
          .findFirst()
          .orElseThrow();
    }
  }

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
