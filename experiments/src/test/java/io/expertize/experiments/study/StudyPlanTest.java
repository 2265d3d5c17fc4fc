package io.expertize.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.config.ConfigException;
import io.expertize.registry.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study file becomes arms x axis values x seeds cells; what is wrong in it fails before anything runs. */
class StudyPlanTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path tmp;

  private Path write(String yaml) throws IOException {
    Path file = tmp.resolve("study.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void cellsCrossArmsAxesAndSeedsInOrderWithTheirOverrides() throws IOException {
    Path file = write("""
        name: grid
        base: {config: configs/vit_quickstart.yaml, set: {train.epochs: 2}}
        baseline: dense
        arms:
          - {name: dense, scheme: dense}
          - {name: mb, scheme: mb, set: {fusion.momentum: 0.95}}
        axes:
          optim.lr: [0.001, 0.002]
        seeds: [1, 2]
        """);
    StudyPlan plan = StudyPlan.of(StudyFile.read(file), file, REPO);

    assertThat(plan.cells()).extracting(Cell::id).containsExactly(
        // seeds outermost: a study stopped half-way holds complete seeds of every arm
        "dense/optim.lr=0.001/seed-1", "dense/optim.lr=0.002/seed-1",
        "mb/optim.lr=0.001/seed-1", "mb/optim.lr=0.002/seed-1",
        "dense/optim.lr=0.001/seed-2", "dense/optim.lr=0.002/seed-2",
        "mb/optim.lr=0.001/seed-2", "mb/optim.lr=0.002/seed-2");
    Cell last = plan.cells().get(7);
    assertThat(last.sets()).containsExactly(
        "train.epochs=2", "fusion.scheme=mb", "fusion.momentum=0.95", "optim.lr=0.002", "seed=2");
    assertThat(last.config()).isEqualTo(REPO.resolve("configs/vit_quickstart.yaml"));
    assertThat(last.group()).isEqualTo("mb/optim.lr=0.002");
    plan.validate(ModelRegistry.discover());
  }

  @Test
  void aTypoInAnArmFailsNamingTheArmAndTheKey() throws IOException {
    Path file = write("""
        name: typo
        base: {config: configs/vit_quickstart.yaml}
        arms:
          - {name: dense, scheme: dense}
          - {name: mb, scheme: mb, set: {fusion.momentun: 0.95}}
        seeds: [1]
        """);
    StudyPlan plan = StudyPlan.of(StudyFile.read(file), file, REPO);

    assertThatThrownBy(() -> plan.validate(ModelRegistry.discover()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("arm 'mb'")
        .hasMessageContaining("fusion.momentun")
        .hasMessageContaining("did you mean 'fusion.momentum'");
  }

  @Test
  void anUnknownFieldIsRefusedNamingTheFileTheFieldAndWhereItIs() throws IOException {
    Path file = write("""
        name: bad
        base: {config: configs/vit_quickstart.yaml}
        arms:
          - {name: dense, scheme: dense, seed: 3}
        seeds: [1]
        """);

    assertThatThrownBy(() -> StudyFile.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("unknown field 'seed' in arms[0]")
        .hasMessageContaining("valid fields: name, scheme, set");
  }

  @Test
  void inconsistentStudiesListEveryProblem() throws IOException {
    Path file = write("""
        name: bad name
        base: {config: configs/vit_quickstart.yaml}
        baseline: nobody
        arms:
          - {name: dense}
          - {name: dense}
        seeds: [1, 1]
        """);

    assertThatThrownBy(() -> StudyFile.read(file))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4))
        .hasMessageContaining("name 'bad name' may hold only")
        .hasMessageContaining("arm 'dense' is named twice")
        .hasMessageContaining("baseline 'nobody' is not an arm")
        .hasMessageContaining("seeds: a seed is listed twice");
  }

  @Test
  void aMissingBaseConfigNamesWhereItWasLookedFor() throws IOException {
    Path file = write("""
        name: missing
        base: {config: configs/nothing.yaml}
        arms: [{name: dense}]
        seeds: [1]
        """);

    assertThatThrownBy(() -> StudyPlan.of(StudyFile.read(file), file, REPO))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("base.config configs/nothing.yaml is not a file")
        .hasMessageContaining(tmp.resolve("configs/nothing.yaml").toString());
  }

  @Test
  void theBaselineDefaultsToTheFirstArm() throws IOException {
    Path file = write("name: s\nbase: {set: {train.steps: 1}}\narms: [{name: a}, {name: b}]\nseeds: [7]\n");
    StudyFile study = StudyFile.read(file);

    assertThat(study.baselineArm()).isEqualTo("a");
    assertThat(StudyPlan.of(study, file, REPO).cells()).extracting(Cell::sets)
        .containsExactly(List.of("train.steps=1", "seed=7"), List.of("train.steps=1", "seed=7"));
  }
}
