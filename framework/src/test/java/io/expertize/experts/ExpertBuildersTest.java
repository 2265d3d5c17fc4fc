package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.annotations.Expertize;
import io.expertize.experts.generated.Expertize_Hand;
import io.expertize.experts.generated.Hand;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.LayerNorm;
import io.expertize.testing.ExpertMlp;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which builder the framework picks: the generated one where it knows every module, reflection elsewhere. */
class ExpertBuildersTest {
  static class Unseen extends Module {}

  @Test
  void theGeneratedBuilderIsFoundByName() {
    assertThat(GeneratedExpertBuilder.classNameFor("com.acme.Net")).isEqualTo("com.acme.Expertize_Net");
    assertThat(GeneratedExpertBuilder.classNameFor("com.acme.Outer$Net")).isEqualTo("com.acme.Expertize_Outer_Net");
    assertThat(GeneratedExpertBuilder.classNameFor("Net")).isEqualTo("Expertize_Net");
    assertThat(ExpertBuilders.generatedFor(ModuleTree.of(new Hand(null)))).containsInstanceOf(Expertize_Hand.class);
  }

  @Test
  void frameworkLayersNeedNotHaveBeenSeen() {
    assertThat(ExpertBuilders.generatedFor(ModuleTree.of(new Hand(new LayerNorm(4, 1e-6))))).isPresent();
  }

  @Test
  void aModuleOfAnUnseenClassFallsBackToReflection() {
    ModuleTree tree = ModuleTree.of(new Hand(new Unseen()));
    assertThat(ExpertBuilders.generatedFor(tree)).isEmpty();
    assertThat(ExpertBuilders.build(tree, FusionOverrides.none()).sets()).extracting(ExpertSet::path).containsExactly("mlp");
  }

  @Test
  void aModelWithoutGeneratedBuilderIsBuiltByReflection() {
    ModuleTree tree = ModuleTree.of(ExpertMlp.small());
    assertThat(ExpertBuilders.generatedFor(tree)).isEmpty();
    assertThat(ExpertBuilders.build(tree, FusionOverrides.none()).sets()).hasSize(3);
  }

  @Test
  void bothBuildersBuildTheSamePlan() {
    ModuleTree tree = ModuleTree.of(new Hand(null));
    assertThat(new Expertize_Hand().build(tree, FusionOverrides.none()).describe())
        .isEqualTo(ReflectiveExpertBuilder.build(tree, FusionOverrides.none()).describe())
        .contains("set StaticFusion mlp 2");
  }

  /** The rule that lets a generated builder vouch for layers it has not seen. */
  @Test
  void noFrameworkLayerDeclaresExpertize() throws IOException, URISyntaxException, ClassNotFoundException {
    assertThat(FeedForwardNetwork.class.getPackageName()).isEqualTo(GeneratedExpertBuilder.FRAMEWORK_LAYERS);
    Path classes = Path.of(FeedForwardNetwork.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names;
    try (Stream<Path> files = Files.list(classes.resolve(GeneratedExpertBuilder.FRAMEWORK_LAYERS.replace('.', '/')))) {
      names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
          .map(n -> GeneratedExpertBuilder.FRAMEWORK_LAYERS + "." + n.substring(0, n.length() - 6)).toList();
    }
    assertThat(names).contains(FeedForwardNetwork.class.getName());
    for (String name : names) {
      for (Field f : Class.forName(name).getDeclaredFields()) {
        assertThat(f.isAnnotationPresent(Expertize.class)).as(name + "." + f.getName()).isFalse();
      }
    }
  }
}
