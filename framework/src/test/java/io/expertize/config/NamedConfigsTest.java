package io.expertize.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's configs/ travel with the framework and load by name, from any directory. */
class NamedConfigsTest {
  private static final Path CONFIGS = Path.of("..", "configs");

  @Test
  void everyFileOfConfigsIsBundledUnderItsStem() throws Exception {
    List<String> stems;
    try (Stream<Path> files = Files.list(CONFIGS)) {
      stems = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
          .map(f -> f.substring(0, f.length() - ".yaml".length())).sorted().toList();
    }
    assertThat(stems).contains("vit_quickstart");
    assertThat(NamedConfigs.names()).isEqualTo(stems);
  }

  @Test
  void aNameLoadsTheSameValuesAsTheFile() {
    ConfigLoader loader = ConfigLoader.create();
    ExpertizeConfig byName = loader.load(Path.of("vit_quickstart"), List.of());
    ExpertizeConfig byFile = loader.load(CONFIGS.resolve("vit_quickstart.yaml"), List.of());
    assertThat(byName.toYaml()).isEqualTo(byFile.toYaml());
  }

  @Test
  void anExistingFileWinsOverANameAndAPathIsNeverLookedUp(@TempDir Path tmp) throws Exception {
    Path local = Files.writeString(tmp.resolve("vit_quickstart"), "seed: 7\n");
    assertThat(NamedConfigs.resolve(local)).isEqualTo(local);
    Path missing = tmp.resolve("vit_quickstart.yaml");
    assertThat(NamedConfigs.resolve(missing)).isEqualTo(missing);
  }

  @Test
  void anUnknownNameListsTheNamedConfigurations() {
    assertThatThrownBy(() -> ConfigLoader.create().load(Path.of("vit_quikstart"), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("config vit_quikstart is neither a file nor a named configuration")
        .hasMessageContaining("vit_quickstart, vit_tiny_fashion");
  }

  @Test
  void setArgumentsLayerOnTopOfANamedConfiguration() {
    Path file = NamedConfigs.find("vit_quickstart").orElseThrow();
    assertThat(file.getFileName().toString()).isEqualTo("vit_quickstart.yaml");
    assertThat(ConfigLoader.create().load(Path.of("vit_quickstart"), List.of("train.epochs=1")).get(Keys.TRAIN_EPOCHS))
        .isEqualTo(1);
  }
}
