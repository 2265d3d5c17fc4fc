package io.expertize.train.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process at a time: a live holder is named in the refusal, a killed one's lock is taken over. */
class DirectoryLockTest {

  @TempDir Path dir;

  @Test
  void aSecondHolderInThisProcessIsRefusedAndCloseReleases() {
    Path locked = dir.resolve("run");
    try (DirectoryLock lock = DirectoryLock.acquire(locked, "training")) {
      assertThat(locked.resolve(DirectoryLock.FILE_NAME)).isRegularFile();
      assertThatThrownBy(() -> DirectoryLock.acquire(locked, "training"))
          .isInstanceOf(DirectoryLockedException.class)
          .hasMessageContaining(locked + " is in use by pid " + ProcessHandle.current().pid())
          .hasMessageContaining("training, started");
    }
    assertThat(locked.resolve(DirectoryLock.FILE_NAME)).isEmptyFile(); // a clean end names no holder
    List<String> notices = new ArrayList<>();
    DirectoryLock.acquire(locked, "training", notices::add).close();
    assertThat(notices).isEmpty();
  }

  @Test
  void anotherProcessIsRefusedWhileItLivesAndItsLockIsTakenOverOnceKilled() throws Exception {
    Path locked = dir.resolve("run");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), DirectoryLockChild.class.getName(), locked.toString())
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo(DirectoryLockChild.LOCKED);
      assertThatThrownBy(() -> DirectoryLock.acquire(locked, "training"))
          .isInstanceOf(DirectoryLockedException.class)
          .hasMessageContaining("in use by pid " + child.pid() + " on host ")
          .hasMessageContaining("testing");
    } finally {
      child.destroyForcibly(); // SIGKILL: the lock file stays behind with the dead holder's record
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(locked.resolve(DirectoryLock.FILE_NAME))).contains("\"pid\":" + child.pid());

    List<String> notices = new ArrayList<>();
    try (DirectoryLock lock = DirectoryLock.acquire(locked, "training", notices::add)) {
      assertThat(notices).singleElement().asString()
          .contains("taking over the lock of " + locked + " from pid " + child.pid())
          .contains("no longer running");
      assertThatThrownBy(() -> DirectoryLock.acquire(locked, "training"))
          .hasMessageContaining("in use by pid " + ProcessHandle.current().pid());
    }
  }
}
