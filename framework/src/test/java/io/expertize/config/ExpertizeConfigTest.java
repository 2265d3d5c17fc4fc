package io.expertize.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpertizeConfigTest {
  @TempDir Path dir;

  /** Every key changed from its default, with values that are awkward to write and read back. */
  private final ExpertizeConfig unusual = ConfigLoader.create().load(List.of(
      "model=123", "data.dir=/data/fm, copy #2: final", "data.train-subset=1000", "seed=-7",
      "train.steps=9000000000", "train.warmup-epochs=0.7", "optim.lr=5e-4", "optim.eps=1e-12",
      "aug.hflip=true", "model.drop-path=0.1", "fusion.scheme=topk", "fusion.experts=8"));

  @Test
  void withReturnsAModifiedCopy() {
    ExpertizeConfig defaults = ExpertizeConfig.defaults();

    ExpertizeConfig changed = defaults.with(Keys.TRAIN_EPOCHS, 2).with(Keys.OPTIM_LR, 0.01);

    assertThat(changed.get(Keys.TRAIN_EPOCHS)).isEqualTo(2);
    assertThat(changed.get(Keys.OPTIM_LR)).isEqualTo(0.01);
    assertThat(defaults.get(Keys.TRAIN_EPOCHS)).as("original untouched").isEqualTo(Keys.TRAIN_EPOCHS.defaultValue());
    assertThat(changed).isNotEqualTo(defaults).isEqualTo(defaults.with(Keys.OPTIM_LR, 0.01)
        .with(Keys.TRAIN_EPOCHS, 2));
  }

  @Test
  void keysOutsideTheRegistryAreRejected() {
    ConfigKey<Integer> stray = new ConfigKey<>("train.epochs", ValueType.INT, 1, "copy",
        Constraint.any(), List.of());

    assertThatThrownBy(() -> ExpertizeConfig.defaults().get(stray))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("train.epochs");
  }

  @Test
  void yamlDumpHasEveryKeyAndReloadsToAnEqualConfig() throws IOException {
    String yaml = unusual.toYaml();
    Path file = Files.writeString(dir.resolve("config.yaml"), yaml);

    assertThat(ConfigLoader.create().load(file, List.of())).isEqualTo(unusual);
    for (ConfigKey<?> key : Keys.ALL) {
      assertThat(yaml).contains("\n" + key.name() + ": ");
    }
    assertThat(yaml).contains("# peak learning rate, reached after warm-up; valid: in (0, 10]\noptim.lr: 5.0E-4\n");
  }

  @Test
  void defaultYamlDumpRoundTrips() throws IOException {
    Path file = Files.writeString(dir.resolve("config.yml"), ExpertizeConfig.defaults().toYaml());

    assertThat(ConfigLoader.create().load(file, List.of())).isEqualTo(ExpertizeConfig.defaults());
  }

  @Test
  void propertiesDumpReloadsToAnEqualConfig() throws IOException {
    Path file = dir.resolve("config.properties");
    try (Writer out = Files.newBufferedWriter(file)) {
      unusual.toProperties().store(out, "dumped");
    }

    assertThat(ConfigLoader.create().load(file, List.of())).isEqualTo(unusual);
    assertThat(unusual.toProperties()).hasSize(Keys.ALL.size());
  }

  @Test
  void mapIsInRegistryOrder() {
    assertThat(unusual.toMap().keySet())
        .containsExactlyElementsOf(Keys.ALL.stream().map(ConfigKey::name).toList());
    assertThat(unusual.toMap()).containsEntry("train.steps", "9000000000")
        .containsEntry("data.dir", "/data/fm, copy #2: final");
  }
}
