package io.expertize.train.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed in the middle of writing a checkpoint leaves the previous one usable. */
class CheckpointCrashTest {

  @TempDir Path dir;

  @Test
  void killedMidSaveLeavesPreviousCheckpointUsable() throws Exception {
    Path checkpoints = dir.resolve("checkpoints");
    Path childErr = dir.resolve("child.err");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                CheckpointCrashChild.class.getName(),
                checkpoints.toString())
            .redirectError(childErr.toFile())
            .start();
    Path temp;
    try {
      temp = Path.of(awaitPause(child, childErr));
      // The temp dir is complete, meta.json included: only the rename is missing.
      assertThat(temp.getFileName().toString()).startsWith(CheckpointManager.TEMP_PREFIX);
      assertThat(temp.resolve("meta.json")).isRegularFile();
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
    assertThat(child.exitValue()).as("killed, not finished").isNotEqualTo(3);
    assertThat(temp).exists();

    CheckpointManager ckpts = new CheckpointManager(checkpoints, 3);
    Checkpoint latest = ckpts.latest().orElseThrow();
    assertThat(latest.step()).isEqualTo(1);
    assertThat(temp).doesNotExist();
    assertThat(CheckpointManagerTest.names(checkpoints)).containsExactly("ckpt-000000001");

    try (TinyModel fresh = new TinyModel(TinyModel.zeros(), false)) {
      ckpts.restore(fresh.session(), latest);
      CheckpointManagerTest.assertSameValues(fresh.values(), CheckpointManagerTest.A);
    }
  }

  /** Waits for the child's pause line and returns the temp dir it names. */
  private static String awaitPause(Process child, Path childErr) throws Exception {
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                  if (l.startsWith(CheckpointCrashChild.PAUSED)) {
                    return l.substring(CheckpointCrashChild.PAUSED.length());
                  }
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    String temp;
    try {
      temp = line.get(120, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      temp = null;
    }
    if (temp == null) {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      fail("child never reached the pause point; its stderr:%n%s", Files.readString(childErr));
    }
    return temp;
  }
}
