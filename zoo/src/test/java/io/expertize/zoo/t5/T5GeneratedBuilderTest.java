package io.expertize.zoo.t5;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.annotations.Scheme;
import io.expertize.experts.ExpertBuilders;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.graph.ModuleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * T5's generated builder ({@code Expertize_T5Model}; its FFNs sit in a {@code List<T5Layer>} of
 * mixed layer kinds) is the one the framework uses and builds the same plan as the reflective
 * builder under every scheme. The graph follows from the plan (compared op by op for the ViT and
 * the processor's fixtures); a tiny T5 training graph takes over a minute to build twice here.
 */
class T5GeneratedBuilderTest {
  @Test
  void theFrameworkUsesTheGeneratedBuilder() {
    assertThat(ExpertBuilders.generatedFor(ModuleTree.of(new T5Model(T5ModelTest.TINY))))
        .containsInstanceOf(Expertize_T5Model.class);
  }

  @ParameterizedTest
  @EnumSource(Scheme.class)
  void generatedAndReflectiveBuildTheSamePlan(Scheme scheme) {
    ModuleTree tree = ModuleTree.of(new T5Model(T5ModelTest.TINY));
    FusionOverrides overrides = FusionOverrides.of(scheme, 2);
    assertThat(new Expertize_T5Model().build(tree, overrides).describe())
        .isEqualTo(ReflectiveExpertBuilder.build(tree, overrides).describe());
  }
}
