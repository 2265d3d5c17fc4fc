package io.expertize.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private final ConfigLoader loader = ConfigLoader.create();

  @Test
  void noSourcesGiveTheDefaults() {
    ExpertizeConfig config = loader.load(List.of());

    assertThat(config).isEqualTo(ExpertizeConfig.defaults());
    assertThat(config.get(Keys.TRAIN_EPOCHS)).isEqualTo(Keys.TRAIN_EPOCHS.defaultValue());
    assertThat(config.get(Keys.OPTIM_LR)).isEqualTo(Keys.OPTIM_LR.defaultValue());
    assertThat(config.get(Keys.AUG_HFLIP)).isEqualTo(Keys.AUG_HFLIP.defaultValue());
    assertThat(config.get(Keys.SEED)).isEqualTo(42L);
    assertThat(config.dataDir()).isEqualTo(Path.of("/usr/share/datasets/fashion-mnist"));
  }

  @Test
  void fileOverridesDefaultsAndSetOverridesFile() throws IOException {
    Path file = write("run.yaml", """
        train:
          epochs: 3
          batch-size: 64
        optim:
          lr: 1.0e-2
        """);

    ExpertizeConfig config = loader.load(file, List.of("train.epochs=7", "seed=1"));

    assertThat(config.get(Keys.TRAIN_EPOCHS)).as("--set beats file").isEqualTo(7);
    assertThat(config.get(Keys.TRAIN_BATCH_SIZE)).as("file beats default").isEqualTo(64);
    assertThat(config.get(Keys.OPTIM_LR)).isEqualTo(1e-2);
    assertThat(config.get(Keys.SEED)).as("--set beats default").isEqualTo(1L);
    assertThat(config.get(Keys.OPTIM_BETA1)).as("untouched default").isEqualTo(0.9);
  }

  @Test
  void laterSetWins() {
    ExpertizeConfig config = loader.load(List.of("optim.lr=0.1", "optim.lr=5e-4"));

    assertThat(config.get(Keys.OPTIM_LR)).isEqualTo(5e-4);
  }

  @Test
  void laterValidSetRescuesAnEarlierBadOne() {
    ExpertizeConfig config = loader.load(List.of("train.epochs=0", "train.epochs=2"));

    assertThat(config.get(Keys.TRAIN_EPOCHS)).isEqualTo(2);
  }

  @Test
  void readsPropertiesFiles() throws IOException {
    Path file = write("run.properties", """
        # comment
        model = vit_tiny
        model.dim = 96
        train.epochs=3
        aug.hflip: true
        optim.lr = 5e-4
        fusion.scheme = topk
        """);

    ExpertizeConfig config = loader.load(file, List.of());

    assertThat(config.get(Keys.MODEL)).isEqualTo("vit_tiny");
    assertThat(config.get(Keys.MODEL_DIM)).contains(96);
    assertThat(config.get(Keys.TRAIN_EPOCHS)).isEqualTo(3);
    assertThat(config.get(Keys.AUG_HFLIP)).isTrue();
    assertThat(config.get(Keys.OPTIM_LR)).isEqualTo(5e-4);
    assertThat(config.get(Keys.FUSION_SCHEME)).isEqualTo("topk");
  }

  @Test
  void yamlAcceptsNestedFlatAndMixedKeys() throws IOException {
    Path file = write("run.yml", """
        model: vit_tiny
        model.dim: 96
        train: {epochs: 3}
        train.batch-size: 32
        optim: {lr: 5e-4, weight-decay: 0}
        aug:
          hflip: true
          mixup-alpha: 0.8
        data:
        """);

    ExpertizeConfig config = loader.load(file, List.of());

    assertThat(config.get(Keys.MODEL)).isEqualTo("vit_tiny");
    assertThat(config.get(Keys.MODEL_DIM)).contains(96);
    assertThat(config.get(Keys.TRAIN_EPOCHS)).isEqualTo(3);
    assertThat(config.get(Keys.TRAIN_BATCH_SIZE)).isEqualTo(32);
    assertThat(config.get(Keys.OPTIM_LR)).as("YAML reads 5e-4 as text").isEqualTo(5e-4);
    assertThat(config.get(Keys.OPTIM_WEIGHT_DECAY)).as("int for a double key").isEqualTo(0.0);
    assertThat(config.get(Keys.AUG_HFLIP)).isTrue();
    assertThat(config.get(Keys.AUG_MIXUP_ALPHA)).isEqualTo(0.8);
  }

  @Test
  void commasNeverSplitValues() throws IOException {
    Path properties = write("a.properties", "data.dir = /data/a,b\n");
    Path yaml = write("a.yaml", "data.dir: /data/c,d\n");

    assertThat(loader.load(properties, List.of()).get(Keys.DATA_DIR)).isEqualTo("/data/a,b");
    assertThat(loader.load(yaml, List.of()).get(Keys.DATA_DIR)).isEqualTo("/data/c,d");
    assertThat(loader.load(List.of("data.dir=/x,y,z")).get(Keys.DATA_DIR)).isEqualTo("/x,y,z");
  }

  @Test
  void valuesAreLiteralNotInterpolated() {
    ExpertizeConfig config = loader.load(List.of("data.dir=${seed}/x", "model=a=b"));

    assertThat(config.get(Keys.DATA_DIR)).isEqualTo("${seed}/x");
    assertThat(config.get(Keys.MODEL)).as("split at the first '='").isEqualTo("a=b");
    assertThat(config.dataDir()).isEqualTo(Path.of("${seed}/x"));
  }

  @Test
  void unsetWordsLegacySentinelsAndRangeBoundsAreAccepted() {
    ExpertizeConfig config = loader.load(List.of("model.drop-path=0", "model.dropout=-1", "model.dim=model",
        "model.image-size=data", "fusion.momentum=-1.0", "fusion.top-k=0", "train.epochs=10000", "optim.lr=10"));

    assertThat(config.get(Keys.MODEL_DROP_PATH)).contains(0.0);
    assertThat(config.get(Keys.MODEL_DROPOUT)).as("-1, the earlier spelling of model").isEmpty();
    assertThat(List.of(config.get(Keys.MODEL_DIM), config.get(Keys.MODEL_IMAGE_SIZE), config.get(Keys.FUSION_MOMENTUM),
        config.get(Keys.FUSION_TOP_K))).containsOnly(Optional.empty());
    assertThat(config.toMap()).containsEntry("model.dropout", "model").containsEntry("model.image-size", "data")
        .containsEntry("model.drop-path", "0.0");
    assertThat(config.get(Keys.TRAIN_EPOCHS)).isEqualTo(10000);
    assertThat(config.get(Keys.OPTIM_LR)).isEqualTo(10.0);
  }

  @Test
  void runKeysSayNoneByWordAndStillReadTheEarlierZero() {
    ExpertizeConfig words = loader.load(List.of("data.train-subset=all", "train.steps=epochs",
        "train.checkpoint-every=epoch", "train.grad-clip=off", "export.max-length=targets"));
    ExpertizeConfig zeros = loader.load(List.of("data.train-subset=0", "data.test-subset=0", "train.steps=0",
        "train.checkpoint-every=0", "train.grad-clip=0", "export.max-length=0"));
    ExpertizeConfig defaults = loader.load(List.of());

    for (ExpertizeConfig config : List.of(words, zeros)) {
      assertThat(List.of(config.get(Keys.DATA_TRAIN_SUBSET), config.get(Keys.DATA_TEST_SUBSET),
          config.get(Keys.TRAIN_STEPS), config.get(Keys.TRAIN_CHECKPOINT_EVERY), config.get(Keys.TRAIN_GRAD_CLIP),
          config.get(Keys.EXPORT_MAX_LENGTH))).containsOnly(Optional.empty());
      assertThat(config.toMap()).containsEntry("data.train-subset", "all").containsEntry("train.steps", "epochs")
          .containsEntry("train.checkpoint-every", "epoch").containsEntry("train.grad-clip", "off")
          .containsEntry("export.max-length", "targets");
    }
    assertThat(defaults.get(Keys.TRAIN_GRAD_CLIP)).contains(1.0);
    assertThat(defaults.get(Keys.TRAIN_STEPS)).isEmpty();
    assertThat(loader.load(List.of("train.steps=100", "data.train-subset=5000")).get(Keys.TRAIN_STEPS)).contains(100L);
    assertThatThrownBy(() -> loader.load(List.of("train.steps=-3"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("train.steps").hasMessageContaining(">= 1, or epochs");
  }

  @Test
  void knownModelPassesTheModelRegistryHook() {
    ExpertizeConfig config = loader.withModelNames(List.of("vit_quickstart", "vit_tiny"))
        .load(List.of("model=vit_tiny"));

    assertThat(config.get(Keys.MODEL)).isEqualTo("vit_tiny");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
