package io.expertize.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.nn.Activation;
import io.expertize.nn.Attention;
import io.expertize.nn.ClassToken;
import io.expertize.nn.DropPath;
import io.expertize.nn.Embedding;
import io.expertize.nn.FeedForward;
import io.expertize.nn.GatedFeedForward;
import io.expertize.nn.LayerNorm;
import io.expertize.nn.Linear;
import io.expertize.nn.PatchEmbed;
import io.expertize.nn.PositionEmbedding;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleTreeTest {

  static final class Block extends Module {
    final LayerNorm norm1 = new LayerNorm(4, 1e-6);
    final Attention attn = new Attention(4, 2);
    final DropPath dropPath = new DropPath(0.1); // no parameters, no paths
    final FeedForward mlp = new FeedForward(4, 8);
  }

  static final class Tiny extends Module {
    final PatchEmbed patchEmbed = new PatchEmbed(8, 4, 2, 4);
    final ClassToken clsToken = new ClassToken(4);
    final PositionEmbedding posEmbed = new PositionEmbedding(5, 4);
    final List<Block> blocks = List.of(new Block(), new Block());
    final GatedFeedForward ffn = new GatedFeedForward(4, 3, Activation.GELU, 0);
    final Embedding shared = new Embedding(10, 4);
    final Embedding decoderEmbed = shared; // tied: one parameter, named where first met
    final LayerNorm norm = new LayerNorm(4, 1e-6);
    @PathName("lm_head")
    final Linear head = new Linear(4, 3);
  }

  /** Java's {@code transient} (serialization) means nothing to the walk: only what a field holds counts. */
  static final class Modifiers extends Module {
    private final transient Linear hidden = new Linear(2, 3);
    final List<Object> notModules = List.of("config", 4, List.of(new Linear(3, 3)));
    final int size = 2;
  }

  private static final List<String> BLOCK = List.of(
      "norm1.weight", "norm1.bias", "attn.qkv.weight", "attn.qkv.bias", "attn.proj.weight", "attn.proj.bias",
      "mlp.fc1.weight", "mlp.fc1.bias", "mlp.fc2.weight", "mlp.fc2.bias");

  @Test
  void everyFieldHoldingAModuleIsWalkedWhateverItsModifiersAndNothingElseIs() {
    assertThat(ModuleTree.of(new Modifiers()).params()).extracting(NamedParam::path)
        .containsExactly("hidden.weight", "hidden.bias");
  }

  @Test
  void pathsReadLikeTimm() {
    List<String> expected = new java.util.ArrayList<>(List.of(
        "patch_embed.proj.weight", "patch_embed.proj.bias", "cls_token", "pos_embed"));
    for (int i = 0; i < 2; i++) {
      for (String p : BLOCK) {
        expected.add("blocks." + i + "." + p);
      }
    }
    expected.addAll(List.of(
        "ffn.wi_0.weight", "ffn.wi_1.weight", "ffn.wo.weight", "shared.weight", "norm.weight", "norm.bias",
        "lm_head.weight", "lm_head.bias"));

    assertThat(ModuleTree.of(new Tiny()).params()).extracting(NamedParam::path).containsExactlyElementsOf(expected);
  }

  @Test
  void sharedModuleIsCountedOnceUnderItsFirstPath() {
    Tiny m = new Tiny();
    ModuleTree tree = ModuleTree.of(m);
    assertThat(tree.pathOf(m.decoderEmbed)).isEqualTo("shared");
    assertThat(tree.pathOf(m.decoderEmbed.weight())).isEqualTo("shared.weight");
    assertThat(tree.modules()).containsKey("shared").doesNotContainKey("decoder_embed");
    assertThat(tree.params()).filteredOn(np -> np.param() == m.shared.weight()).hasSize(1);
  }

  @Test
  void parameterCountSumsEveryTensorOnce() {
    long patch = 4 * 2 * 4 * 4 + 4;
    long tokens = 4 + 5 * 4;
    long block = (4 + 4) + (4 * 12 + 12) + (4 * 4 + 4) + (4 * 8 + 8) + (8 * 4 + 4);
    long gated = 3 * 4 + 3 * 4 + 4 * 3;
    long shared = 10 * 4; // not twice, although two fields hold it
    long tail = (4 + 4) + (4 * 3 + 3);
    assertThat(ModuleTree.of(new Tiny()).parameterCount())
        .isEqualTo(patch + tokens + 2 * block + gated + shared + tail)
        .isEqualTo(583);
  }

  @Test
  void modulesAreListedWithTheirPathsAndOwnersKnown() {
    Tiny m = new Tiny();
    ModuleTree tree = ModuleTree.of(m);
    assertThat(tree.modules().get("")).isSameAs(m);
    assertThat(tree.modules().get("blocks.1.mlp")).isSameAs(m.blocks.get(1).mlp);
    assertThat(tree.modules()).containsKeys("patch_embed.proj", "blocks.0.drop_path", "ffn.wi_0", "lm_head");
    NamedParam qkv = tree.params().stream().filter(np -> np.path().equals("blocks.1.attn.qkv.bias")).findFirst().orElseThrow();
    assertThat(tree.pathOf(qkv.owner())).isEqualTo("blocks.1.attn.qkv");
  }

  @Test
  void modulesComeInWalkOrder() {
    List<String> paths = List.copyOf(ModuleTree.of(new Tiny()).modules().keySet());
    assertThat(paths.get(0)).isEmpty();
    assertThat(paths.indexOf("blocks.0.mlp")).isLessThan(paths.indexOf("blocks.1"));
    assertThat(paths.indexOf("blocks.0")).isLessThan(paths.indexOf("blocks.0.mlp"));
    assertThat(paths.indexOf("blocks.1.mlp")).isLessThan(paths.indexOf("lm_head"));
  }

  @Test
  void superclassFieldsComeFirst() {
    class Base extends Module {
      final Linear stem = new Linear(2, 2, false);
    }
    class Derived extends Base {
      final Linear head = new Linear(2, 1, false);
    }
    assertThat(ModuleTree.of(new Derived()).params())
        .extracting(NamedParam::path)
        .containsExactly("stem.weight", "head.weight");
  }

  @Test
  void camelCaseBecomesSnakeCase() {
    assertThat(ModuleTree.snakeCase("patchEmbed")).isEqualTo("patch_embed");
    assertThat(ModuleTree.snakeCase("clsToken")).isEqualTo("cls_token");
    assertThat(ModuleTree.snakeCase("fc1")).isEqualTo("fc1");
    assertThat(ModuleTree.snakeCase("norm")).isEqualTo("norm");
  }

  @Test
  void foreignParametersAndModulesAreRejected() {
    ModuleTree tree = ModuleTree.of(new Tiny());
    Linear other = new Linear(2, 2);
    assertThatThrownBy(() -> tree.pathOf(other.weight()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not belong to this model");
    assertThatThrownBy(() -> tree.pathOf(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Linear is not part of this model");
  }

  @Test
  void anUnnamedParameterNeedsAHoldingField() {
    assertThatThrownBy(() -> ModuleTree.of(new ClassToken(4)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("root module cannot own an unnamed parameter");
  }
}
