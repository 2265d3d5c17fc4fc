package io.expertize.zoo.vit;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.annotations.Scheme;
import io.expertize.experts.ExpertBuilders;
import io.expertize.experts.FusionAttribute;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.graph.GraphListing;
import io.expertize.graph.ModuleTree;
import io.expertize.train.AdamW;
import io.expertize.train.TrainingGraph;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ViT's generated builder ({@code Expertize_VisionTransformer}, written by the annotation
 * processor when the zoo compiles) is the one the framework uses, and it builds what the reflective
 * builder builds: the same plan under every scheme and placement, and under EWA the same training
 * graph (operations with types and output shapes, variables with shapes; the processor's fixture
 * test compares an mb graph). One scheme only: a tiny ViT graph takes seconds to build.
 */
class GeneratedBuilderParityTest {
  private static final TrainingGraph.StepSettings STEP = new TrainingGraph.StepSettings(new AdamW(0.9, 0.999, 1e-8, 0.05), OptionalDouble.of(1.0));

  private static VisionTransformer tiny() {
    return new VisionTransformer(VitConfig.builder().imageSize(16).patchSize(8).channels(1).numClasses(3)
        .dim(16).depth(2).heads(2).mlpRatio(2.0).dropPath(0.1).build());
  }

  @Test
  void theFrameworkUsesTheGeneratedBuilder() {
    assertThat(ExpertBuilders.generatedFor(ModuleTree.of(tiny()))).containsInstanceOf(Expertize_VisionTransformer.class);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void generatedAndReflectiveBuildTheSamePlan(Scheme scheme) {
    ModuleTree tree = ModuleTree.of(tiny());
    for (String placement : List.of("all", "last-1", "0")) {
      FusionOverrides overrides = FusionOverrides.builder().scheme(scheme).experts(3).placement(placement).build();
      assertThat(new Expertize_VisionTransformer().build(tree, overrides).describe())
          .isEqualTo(ReflectiveExpertBuilder.build(tree, overrides).describe());
    }
  }

  @Test
  void generatedAndReflectiveBuildTheSameGraph() {
    VisionTransformer model = tiny();
    ModuleTree tree = ModuleTree.of(model);
    FusionOverrides overrides = FusionOverrides.of(Scheme.EWA, 3);
    try (TrainingGraph g = TrainingGraph.build(model, new Expertize_VisionTransformer().build(tree, overrides), 5, STEP);
        TrainingGraph r = TrainingGraph.build(model, ReflectiveExpertBuilder.build(tree, overrides), 5, STEP)) {
      assertThat(GraphListing.operations(g.graph)).containsExactlyElementsOf(GraphListing.operations(r.graph));
      assertThat(GraphListing.variables(g.variables)).containsExactlyElementsOf(GraphListing.variables(r.variables));
    }
  }
}
