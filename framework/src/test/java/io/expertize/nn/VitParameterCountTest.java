package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ViT-S/16 at 224 assembled from the layers alone (no TF graph: modules only declare shapes) must
 * have timm's {@code vit_small_patch16_224} parameter count and state-dict names.
 */
class VitParameterCountTest {

  /** Test fixture: timm's ViT Block, minimal (the zoo is not in this module). */
  static final class Block extends Module {
    final LayerNorm norm1;
    final Attention attn;
    final DropPath dropPath;
    final LayerNorm norm2;
    final FeedForward mlp;

    Block(int dim, int heads, double mlpRatio) {
      norm1 = new LayerNorm(dim, 1e-6);
      attn = new Attention(dim, heads);
      dropPath = new DropPath(0);
      norm2 = new LayerNorm(dim, 1e-6);
      mlp = new FeedForward(dim, (long) (dim * mlpRatio));
    }
  }

  /** Test fixture: timm's VisionTransformer with a class token and a linear head. */
  static final class Vit extends Module {
    final ClassToken clsToken;
    final PositionEmbedding posEmbed;
    final PatchEmbed patchEmbed;
    final List<Block> blocks = new ArrayList<>();
    final LayerNorm norm;
    final Linear head;

    Vit(int image, int patch, int channels, int classes, int depth, int dim, int heads, double mlpRatio) {
      patchEmbed = new PatchEmbed(image, patch, channels, dim);
      clsToken = new ClassToken(dim);
      posEmbed = new PositionEmbedding(patchEmbed.numPatches() + 1, dim);
      for (int i = 0; i < depth; i++) {
        blocks.add(new Block(dim, heads, mlpRatio));
      }
      norm = new LayerNorm(dim, 1e-6);
      head = new Linear(dim, classes);
    }
  }

  @Test
  void vitSmallPatch16At224HasTimmsParameterCount() {
    ModuleTree tree = ModuleTree.of(new Vit(224, 16, 3, 1000, 12, 384, 6, 4.0));
    assertThat(tree.parameterCount()).isEqualTo(22_050_664L);
    // timm's state dict: 4 stem tensors, 12 per block, 4 for norm and head
    assertThat(tree.params()).hasSize(4 + 12 * 12 + 4);
    assertThat(tree.params())
        .extracting(NamedParam::path)
        .startsWith("cls_token", "pos_embed", "patch_embed.proj.weight", "patch_embed.proj.bias", "blocks.0.norm1.weight")
        .contains("blocks.11.attn.qkv.weight", "blocks.11.mlp.fc2.bias")
        .endsWith("norm.weight", "norm.bias", "head.weight", "head.bias");
    NamedParam pos = tree.params().get(1);
    assertThat(pos.param().dims()).containsExactly(1, 197, 384);
    assertThat(tree.params().get(2).param().dims()).containsExactly(384, 3, 16, 16);
  }
}
