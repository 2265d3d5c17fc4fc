package io.expertize.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One runner per study directory; a lock file left by a dead runner is taken over. */
class StudyLockTest {
  @TempDir Path dir;

  @Test
  void aSecondRunnerIsRefusedNamingTheHolder() {
    try (StudyLock first = StudyLock.acquire(dir)) {
      assertThat(StudyLock.held(dir)).isTrue();
      assertThatThrownBy(() -> StudyLock.acquire(dir))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("in use by another runner")
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
    }
    assertThat(StudyLock.held(dir)).isFalse();
  }

  @Test
  void aStaleLockFileIsTakenOver() throws IOException {
    Files.writeString(dir.resolve(StudyLock.FILE), "pid 999999 on elsewhere since 2020-01-01T00:00:00Z\n");

    try (StudyLock lock = StudyLock.acquire(dir)) {
      assertThat(StudyLock.holder(dir)).hasValueSatisfying(h -> assertThat(h).startsWith("pid " + ProcessHandle.current().pid()));
    }
  }
}
