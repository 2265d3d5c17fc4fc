package io.expertize.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.nn.Activation;
import io.expertize.nn.ClassToken;
import io.expertize.nn.FeedForward;
import io.expertize.nn.GatedFeedForward;
import io.expertize.nn.LayerNorm;
import io.expertize.nn.Linear;
import io.expertize.nn.PatchEmbed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameter paths read like timm's and counts come from declared shapes alone. */
class ModuleTreeTest {

  static final class Block extends Module {
    final LayerNorm norm1 = new LayerNorm(4, 1e-6);
    final FeedForward mlp = new FeedForward(4, 8, Activation.GELU, true, 0.0);
  }

  static final class Net extends Module {
    final PatchEmbed patchEmbed = new PatchEmbed(8, 4, 1, 4);
    final ClassToken clsToken = new ClassToken(4);
    final List<Block> blocks = List.of(new Block(), new Block());
    final GatedFeedForward ffn = new GatedFeedForward(4, 6, Activation.GELU, 0.0);
    final Linear head = new Linear(4, 3);
    final Linear tiedHead = head; // shared: counted once, named where first met
  }

  @Test
  void pathsFollowFieldsListsAndOverrides() {
    ModuleTree tree = ModuleTree.of(new Net());
    assertThat(tree.params()).extracting(NamedParam::path).containsExactly(
        "patch_embed.proj.weight", "patch_embed.proj.bias",
        "cls_token",
        "blocks.0.norm1.weight", "blocks.0.norm1.bias",
        "blocks.0.mlp.fc1.weight", "blocks.0.mlp.fc1.bias", "blocks.0.mlp.fc2.weight", "blocks.0.mlp.fc2.bias",
        "blocks.1.norm1.weight", "blocks.1.norm1.bias",
        "blocks.1.mlp.fc1.weight", "blocks.1.mlp.fc1.bias", "blocks.1.mlp.fc2.weight", "blocks.1.mlp.fc2.bias",
        "ffn.wi_0.weight", "ffn.wi_1.weight", "ffn.wo.weight",
        "head.weight", "head.bias");
  }

  @Test
  void countsComeFromShapes() {
    // patch 4*1*16+4, cls 4, blocks 2*(8 + 40 + 36), gated 3*24, head 15
    assertThat(ModuleTree.of(new Net()).parameterCount()).isEqualTo(68 + 4 + 2 * 84 + 72 + 15);
  }

  @Test
  void camelCaseBecomesSnakeCase() {
    assertThat(ModuleTree.snakeCase("patchEmbed")).isEqualTo("patch_embed");
    assertThat(ModuleTree.snakeCase("fc1")).isEqualTo("fc1");
    assertThat(ModuleTree.snakeCase("dropPath2")).isEqualTo("drop_path2");
  }

  @Test
  void badDeclarationsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> new Module() {
      { param("w", ParamKind.WEIGHT, 2, 2); param("w", ParamKind.WEIGHT, 2, 2); }
    }).hasMessageContaining("'w' twice");
    assertThatThrownBy(() -> new Linear(0, 3)).hasMessageContaining("in=0");
    assertThatThrownBy(() -> new Module() {
      { param("bad", ParamKind.BIAS, 3, 0); }
    }).hasMessageContaining("'bad'").hasMessageContaining("non-positive");
  }
}
