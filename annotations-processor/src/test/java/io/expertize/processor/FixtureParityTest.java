package io.expertize.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.expertize.annotations.Scheme;
import io.expertize.experts.ExpertBuilders;
import io.expertize.experts.FusionAttribute;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.GeneratedExpertBuilder;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.graph.GraphListing;
import io.expertize.graph.ModuleTree;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.AdamW;
import io.expertize.train.TrainingGraph;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Tower fixture compiled with the processor and loaded: the framework picks its generated
 * builder, which builds what the reflective builder builds from the same annotations (the plan under
 * every scheme, and under overridden experts and placements; the whole training graph under its own
 * scheme, mb: one graph of this tiny model takes seconds to build, the zoo's test covers EWA).
 */
class FixtureParityTest {
  private static CompiledClasses classes;

  @BeforeAll
  static void compileTower() {
    Compilation c = Fixtures.compile(Fixtures.sources("tower/Tower", "tower/BaseBlock", "tower/TowerBlock"));
    com.google.testing.compile.CompilationSubject.assertThat(c).succeededWithoutWarnings();
    classes = new CompiledClasses(c);
  }

  private static ImageClassifier tower() {
    return classes.instance("fixtures.tower.Tower", ImageClassifier.class);
  }

  @Test
  void theFrameworkUsesTheGeneratedBuilder() {
    assertThat(ExpertBuilders.generatedFor(ModuleTree.of(tower())))
        .get().extracting(b -> b.getClass().getName()).isEqualTo("fixtures.tower.Expertize_Tower");
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void generatedAndReflectiveBuildTheSamePlan(Scheme scheme) {
    ModuleTree tree = ModuleTree.of(tower());
    GeneratedExpertBuilder generated = ExpertBuilders.generatedFor(tree).orElseThrow();
    for (FusionOverrides overrides : List.of(
        FusionOverrides.builder().scheme(scheme).build(),
        FusionOverrides.of(scheme, 3),
        FusionOverrides.builder().scheme(scheme).experts(2).placement("first-1").build())) {
      assertThat(generated.build(tree, overrides).describe())
          .isEqualTo(ReflectiveExpertBuilder.build(tree, overrides).describe());
    }
  }

  @Test
  void generatedAndReflectiveBuildTheSameGraph() {
    ImageClassifier model = tower();
    ModuleTree tree = ModuleTree.of(model);
    FusionOverrides overrides = FusionOverrides.none();
    TrainingGraph.StepSettings step = new TrainingGraph.StepSettings(new AdamW(0.9, 0.999, 1e-8, 0.05), OptionalDouble.of(1.0));
    try (TrainingGraph g = TrainingGraph.build(model, ExpertBuilders.build(tree, overrides), 3, step);
        TrainingGraph r = TrainingGraph.build(model, ReflectiveExpertBuilder.build(tree, overrides), 3, step)) {
      assertThat(g.experts.sets()).extracting(s -> s.path())
          .containsExactly("blocks.0.mlp", "blocks.1.mlp", "blocks.1.gate", "necks.1");
      assertThat(GraphListing.operations(g.graph)).containsExactlyElementsOf(GraphListing.operations(r.graph));
      assertThat(GraphListing.variables(g.variables)).containsExactlyElementsOf(GraphListing.variables(r.variables));
    }
  }
}
