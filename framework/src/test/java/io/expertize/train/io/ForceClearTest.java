package io.expertize.train.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --force removes an earlier run only, says what it removes, and never what the new run reads. */
class ForceClearTest {

  @TempDir Path dir;

  @Test
  void aDirectoryThatIsNotARunIsRefusedAndKeptWhole() throws Exception {
    Path thesis = Files.createDirectories(dir.resolve("thesis"));
    Files.writeString(thesis.resolve("thesis.tex"), "\\documentclass{book}");
    Files.createDirectories(thesis.resolve("sub"));
    Files.writeString(thesis.resolve("sub/data.csv"), "1,2");

    assertThatThrownBy(() -> RunDirectory.createLocked(thesis, ForceClear.runDirectory()))
        .isInstanceOf(RunDirectoryException.class)
        .hasMessageContaining("refusing to --force clear " + thesis.toAbsolutePath())
        .hasMessageContaining("it holds sub, thesis.tex, which a run does not write");
    assertThat(thesis.resolve("thesis.tex")).hasContent("\\documentclass{book}");
    assertThat(thesis.resolve("sub/data.csv")).hasContent("1,2");
    assertThat(thesis.resolve(DirectoryLock.FILE_NAME)).doesNotExist();
  }

  @Test
  void aRunDirectoryHoldingTheRunsInputIsRefused() throws Exception {
    Path run = earlierRun("run");
    Path data = Files.createDirectories(run.resolve("checkpoints/data"));
    assertThatThrownBy(() -> RunDirectory.createLocked(run, ForceClear.runDirectory().protecting("--data", data)))
        .isInstanceOf(RunDirectoryException.class)
        .hasMessageContaining("it holds --data " + data.toAbsolutePath() + ", which this run reads");
    assertThat(data).isDirectory();
  }

  @Test
  void anEarlierRunIsClearedAndWhatIsRemovedIsAnnounced() throws Exception {
    Path run = earlierRun("run");
    List<String> notices = new ArrayList<>();
    try (RunDirectory fresh = RunDirectory.createLocked(run, ForceClear.runDirectory().announcingTo(notices::add))) {
      assertThat(fresh.metricsFile()).doesNotExist();
      assertThat(fresh.checkpointsDir()).isEmptyDirectory();
      assertThat(run.resolve(DirectoryLock.FILE_NAME)).isRegularFile();
    }
    assertThat(notices).containsExactly("--force: removing the earlier run in " + run.toAbsolutePath()
        + ": checkpoints/, config.yaml, metrics.jsonl, tensorboard/");
  }

  @Test
  void withoutForceANonEmptyDirectoryIsRefusedBeforeAnyLockFileIsWritten() throws Exception {
    Path run = earlierRun("run");
    assertThatThrownBy(() -> RunDirectory.createLocked(run, ForceClear.never()))
        .hasMessageContaining("already exists and is not empty");
    assertThat(run.resolve(DirectoryLock.FILE_NAME)).doesNotExist();
  }

  private Path earlierRun(String name) throws Exception {
    RunDirectory old = RunDirectory.create(dir.resolve(name), false);
    Files.writeString(old.configFile(), "model: vit_quickstart\n");
    Files.writeString(old.metricsFile(), "{}\n");
    return old.root();
  }
}
