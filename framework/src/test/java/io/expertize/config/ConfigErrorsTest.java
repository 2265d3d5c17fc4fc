package io.expertize.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.expertize.registry.ModelProvider;
import io.expertize.registry.ProviderHint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigErrorsTest {
  @TempDir Path dir;

  private final ConfigLoader loader = ConfigLoader.create();

  @Test
  void unknownKeyInFileNamesFileAndClosestKey() throws IOException {
    Path file = write("run.yaml", "optim:\n  learning-rate: 0.1\n");

    assertThat(problems(file)).containsExactly(
        "unknown key 'optim.learning-rate' in " + file + "; did you mean 'optim.lr'?");
  }

  @Test
  void unknownKeyInPropertiesFile() throws IOException {
    Path file = write("run.properties", "train.epoch = 3\n");

    assertThat(problems(file)).containsExactly(
        "unknown key 'train.epoch' in " + file + "; did you mean 'train.epochs'?");
  }

  @Test
  void unknownKeyInSetNamesTheLiteralArgument() {
    assertThat(problems(null, "train.batch_size=64")).containsExactly(
        "unknown key 'train.batch_size' in --set 'train.batch_size=64'; did you mean 'train.batch-size'?");
  }

  @Test
  void unknownKeyFarFromEveryKeyPointsToTheDocs() {
    assertThat(problems(null, "colour=blue")).containsExactly(
        "unknown key 'colour' in --set 'colour=blue'; see docs/configuration.md for the valid keys");
  }

  @Test
  void badTypeNamesKeySourceValueTypeAndRange() throws IOException {
    Path file = write("run.yaml", "train:\n  epochs: many\n");

    assertThat(problems(file)).containsExactly(
        "bad value 'many' for key 'train.epochs' in " + file + ": expected an int in [1, 10000]");
  }

  @Test
  void outOfRangeValueNamesTheRange() {
    assertThat(problems(null, "train.label-smoothing=1", "optim.lr=0", "optim.eps=0"))
        .containsExactly(
            "bad value '1' for key 'train.label-smoothing' in --set 'train.label-smoothing=1':"
                + " expected a double in [0, 1)",
            "bad value '0' for key 'optim.lr' in --set 'optim.lr=0': expected a double in (0, 10]",
            "bad value '0' for key 'optim.eps' in --set 'optim.eps=0': expected a double > 0");
  }

  @Test
  void badEnumValueListsTheValidValues() {
    assertThat(problems(null, "fusion.scheme=moe")).containsExactly(
        "bad value 'moe' for key 'fusion.scheme' in --set 'fusion.scheme=moe':"
            + " expected one of: model, dense, sw, dw, mb, ewa, topk");
  }

  @Test
  void unsetKeysNameTheirWord() {
    assertThat(problems(null, "model.drop-path=-0.5")).containsExactly(
        "bad value '-0.5' for key 'model.drop-path' in --set 'model.drop-path=-0.5':"
            + " expected a double in [0, 1), or model");
  }

  @Test
  void booleansAreStrict() {
    assertThat(problems(null, "aug.hflip=yes")).containsExactly(
        "bad value 'yes' for key 'aug.hflip' in --set 'aug.hflip=yes': expected a boolean");
  }

  @Test
  void emptyStringAndNonFiniteNumbersAreRejected() {
    assertThat(problems(null, "model=", "optim.weight-decay=NaN", "seed=")).containsExactly(
        "bad value '' for key 'model' in --set 'model=': expected a non-empty string",
        "bad value '' for key 'seed' in --set 'seed=': expected a long",
        "bad value 'NaN' for key 'optim.weight-decay' in --set 'optim.weight-decay=NaN':"
            + " expected a double >= 0");
  }

  @Test
  void listValueIsRejected() throws IOException {
    Path yaml = write("run.yaml", "fusion:\n  scheme: [sw, dw]\n");
    Path properties = write("run.properties", "train.epochs = 3\ntrain.epochs = 4\n");

    assertThat(problems(yaml)).containsExactly(
        "bad value '[sw, dw]' for key 'fusion.scheme' in " + yaml
            + ": expected one of: model, dense, sw, dw, mb, ewa, topk, not a list");
    assertThat(problems(properties)).containsExactly(
        "bad value '[3, 4]' for key 'train.epochs' in " + properties
            + ": expected an int in [1, 10000], not a list");
  }

  @Test
  void malformedSetShowsTheForm() {
    assertThat(problems(null, "epochs", "=3")).containsExactly(
        "malformed --set 'epochs': expected key=value, e.g. --set optim.lr=5e-4",
        "malformed --set '=3': expected key=value, e.g. --set optim.lr=5e-4");
  }

  @Test
  void missingFileIsNamed() {
    Path file = dir.resolve("nope.yaml");

    assertThat(problems(file)).containsExactly("config file " + file + " does not exist");
  }

  @Test
  void directoryIsNotAFile() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("conf.yaml"));

    assertThat(problems(sub)).containsExactly("config file " + sub + " is a directory; --config takes a file"
        + " (.properties, .yaml, .yml) or a named configuration (deit_fashion, pvt_fashion, swin_fashion,"
        + " t5_tiny_fortunes, vit_quickstart, vit_tiny_fashion)");
  }

  @Test
  void aDirectoryWithoutAConfigExtensionIsCalledADirectoryToo() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("configs"));

    assertThat(problems(sub)).singleElement().asString().startsWith("config file " + sub + " is a directory;");
  }

  @Test
  void aYamlKeyGivenTwiceIsRefusedNamingFileKeyAndLine() throws IOException {
    Path file = write("twice.yaml", "train.steps: 100\nseed: 1\ntrain.steps: 200\n");

    assertThat(problems(file)).containsExactly("cannot read config file " + file
        + ": it sets the key train.steps twice (again on line 3); a key may appear once: keep the one you mean");
  }

  @Test
  void unknownExtensionListsTheValidOnes() throws IOException {
    Path file = write("run.json", "{}");

    assertThat(problems(file)).containsExactly(
        "config file " + file + " has an unsupported extension; use one of .properties, .yaml, .yml");
  }

  @Test
  void yamlSyntaxErrorNamesTheFileOnOneLine() throws IOException {
    Path file = write("bad.yaml", "train:\n  epochs: 3\n   batch-size: [64\n");

    List<String> problems = problems(file);

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("cannot read config file " + file + ": ")
        .contains("line 3").doesNotContain("\n");
  }

  @Test
  void yamlThatIsNotAMapNamesTheFile() throws IOException {
    Path file = write("list.yaml", "- a\n- b\n");

    assertThat(problems(file)).containsExactly(
        "cannot read config file " + file + ": the top level must be a map of keys");
  }

  @Test
  void unknownModelSuggestsTheClosestKnownOne() {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> loader.withModelNames(List.of("vit_quickstart", "deit_tiny"))
            .load(List.of("model=vit_quikstart")));

    assertThat(e.problems()).containsExactly(
        "unknown model 'vit_quikstart' for key 'model' in --set 'model=vit_quikstart';"
            + " did you mean 'vit_quickstart'? (registered models: deit_tiny, vit_quickstart). To add a model, put its"
            + " jar on the class path with ./expertize --classpath JAR (or EXPERTIZE_CLASSPATH) and register its"
            + " ModelProvider in META-INF/services/io.expertize.registry.ModelProvider");
  }

  @Test
  void unknownDatasetListsTheRegisteredOnesAndHowToAddOne() {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> loader.withDatasetNames(List.of("fashion-mnist", "fortunes")).load(List.of("data=fashion_mnst")));

    assertThat(e.problems()).containsExactly(
        "unknown dataset 'fashion_mnst' for key 'data' in --set 'data=fashion_mnst'; did you mean 'fashion-mnist'?"
            + " (registered datasets: fashion-mnist, fortunes). To add a dataset, put its jar on the class path with"
            + " ./expertize --classpath JAR (or EXPERTIZE_CLASSPATH) and register its DatasetProvider in"
            + " META-INF/services/io.expertize.data.DatasetProvider");
  }

  @Test
  void unknownDefaultModelNamesTheDefaults() {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> loader.withModelNames(List.of("swin_tiny")).load(List.of()));

    assertThat(e.problems()).containsExactly(
        "unknown model 'vit_quickstart' for key 'model' in the built-in defaults (registered models: swin_tiny). "
            + ProviderHint.howToAdd("model", ModelProvider.class));
  }

  @Test
  void collectsEveryProblemOnePerLine() throws IOException {
    Path file = write("run.yaml", """
        optim: {learning-rate: 0.1, beta2: 1.5}
        train: {epochs: 0}
        """);

    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> loader.load(file, List.of("eval.batch-size=0", "oops", "fusion.experts=four")));

    assertThat(e.problems()).containsExactly(
        "unknown key 'optim.learning-rate' in " + file + "; did you mean 'optim.lr'?",
        "malformed --set 'oops': expected key=value, e.g. --set optim.lr=5e-4",
        "bad value '0' for key 'train.epochs' in " + file + ": expected an int in [1, 10000]",
        "bad value '0' for key 'eval.batch-size' in --set 'eval.batch-size=0': expected an int >= 1",
        "bad value '1.5' for key 'optim.beta2' in " + file + ": expected a double in [0, 1)",
        "bad value 'four' for key 'fusion.experts' in --set 'fusion.experts=four':"
            + " expected an int in [1, 1024], or model");
    assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
  }

  @Test
  void withRejectsInvalidValues() {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ExpertizeConfig.defaults().with(Keys.TRAIN_BATCH_SIZE, 0));

    assertThat(e).hasMessage(
        "bad value '0' for key 'train.batch-size' in with(): expected an int in [1, 65536]");
  }

  private List<String> problems(Path file, String... sets) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> loader.load(file, List.of(sets)));
    assertThat(e).as("expected a ConfigException").isNotNull();
    return e.problems();
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
