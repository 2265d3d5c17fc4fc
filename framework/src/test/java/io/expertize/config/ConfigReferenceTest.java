package io.expertize.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {
  /** Tests run in framework/, so the repository's docs are one level up. */
  private static final Path DOC = Path.of("..", "docs", "configuration.md");

  private static final String REGENERATE = "expertize.regenerateDocs";

  @Test
  void docsTableMatchesTheRegistry() throws IOException {
    String actual = Files.readString(DOC, StandardCharsets.UTF_8);
    String expected = ConfigReference.updated(actual);
    if (Boolean.getBoolean(REGENERATE) && !expected.equals(actual)) {
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
      return;
    }

    assertThat(actual)
        .as("docs/configuration.md is out of date with Keys.java; regenerate it with%n"
            + "  mvn -B -q -pl framework test -Dtest=ConfigReferenceTest -D%s=true", REGENERATE)
        .isEqualTo(expected);
  }

  @Test
  void tableHasARowPerKey() {
    String table = ConfigReference.markdown();

    assertThat(table.lines()).hasSize(Keys.ALL.size() + 2);
    assertThat(table).contains(
        "| `train.batch-size` | int | `128` | in [1, 65536] | training images per step |",
        "| `data.dir` | string | (empty) | any |");
  }

  @Test
  void updateReplacesOnlyTheMarkedSection() {
    String doc = "intro\n" + ConfigReference.BEGIN + "\nstale\n" + ConfigReference.END + "\noutro\n";

    assertThat(ConfigReference.updated(doc)).isEqualTo("intro\n" + ConfigReference.BEGIN + "\n"
        + ConfigReference.markdown() + ConfigReference.END + "\noutro\n");
  }
}
