package io.expertize.zoo.pvt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.ModelRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PVT v1: the reference's names and shapes, reduced shapes for 28x28, errors naming the failed constraint. */
class PvtModelsTest {
  private static final ModelRegistry REGISTRY = ModelRegistry.discover();

  private static ModelRequest.Builder at28() {
    return ModelRequest.builder().images(28, 1, 10);
  }

  @Test
  void parameterNamesAndShapesAreTheReferences() {
    List<NamedParam> params = ModuleTree.of(REGISTRY.get("pvt_tiny").reference()).params();
    assertThat(params).extracting(NamedParam::path)
        .startsWith("patch_embed1.proj.weight", "patch_embed1.proj.bias", "patch_embed1.norm.weight",
            "patch_embed1.norm.bias", "pos_embed1", "block1.0.norm1.weight", "block1.0.norm1.bias",
            "block1.0.attn.q.weight", "block1.0.attn.q.bias", "block1.0.attn.kv.weight", "block1.0.attn.kv.bias",
            "block1.0.attn.proj.weight", "block1.0.attn.proj.bias", "block1.0.attn.sr.weight", "block1.0.attn.sr.bias",
            "block1.0.attn.norm.weight", "block1.0.attn.norm.bias", "block1.0.norm2.weight", "block1.0.norm2.bias",
            "block1.0.mlp.fc1.weight", "block1.0.mlp.fc1.bias", "block1.0.mlp.fc2.weight", "block1.0.mlp.fc2.bias")
        .contains("patch_embed4.proj.weight", "block4.1.attn.kv.weight")
        .doesNotContain("block4.1.attn.sr.weight") // ratio 1 in the last stage
        .endsWith("norm.weight", "norm.bias", "cls_token", "head.weight", "head.bias");
    assertThat(dims(params, "pos_embed1")).containsExactly(1, 56 * 56, 64);
    assertThat(dims(params, "pos_embed4")).containsExactly(1, 7 * 7 + 1, 512); // + the class token
    assertThat(dims(params, "block1.0.attn.sr.weight")).containsExactly(64, 64, 8, 8);
    assertThat(dims(params, "block1.0.mlp.fc1.weight")).containsExactly(512, 64);
  }

  private static long[] dims(List<NamedParam> params, String path) {
    return params.stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().param().dims();
  }

  @Test
  void fewerStagesAtTwentyEightPixelsReduceKeysAndValuesToTheLastGrid() {
    PyramidVisionTransformer pvt = (PyramidVisionTransformer) REGISTRY.get("pvt_tiny").create(at28().patchSize(2).depths(List.of(2, 2)).build());
    assertThat(pvt.config().srRatios()).containsExactly(2, 1); // 14x14 -> 7x7, then 7x7
    assertThat(pvt.config().dims()).containsExactly(64, 128);
    assertThat(PvtConfig.reductionToLastStage(224, 4, 4)).containsExactly(8, 4, 2, 1); // the reference's
  }

  @Test
  void invalidCombinationsNameTheConstraint() {
    assertThatThrownBy(() -> REGISTRY.get("pvt_tiny").create(ModelRequest.of(28, 1, 10)))
        .hasMessageContaining("stage 2 embeds 2x2 patches, so stage 1's resolution must be even; it is 7x7 (image 28, patch 4)");
    assertThatThrownBy(() -> REGISTRY.get("pvt_tiny").create(at28().patchSize(3).build()))
        .hasMessageContaining("image size 28 must be a positive multiple of the patch size 3");
    assertThatThrownBy(() -> REGISTRY.get("pvt_nano_patch2_28").create(at28().heads(3).build()))
        .hasMessageContaining("stage 1 width 64 must be a positive multiple of its head count 3");
    assertThatThrownBy(() -> REGISTRY.get("pvt_nano_patch2_28").create(at28().depths(List.of(1, 1, 1)).build()))
        .hasMessageContaining("pvt_nano_patch2_28 has 2 stages, the run asks for 3");
    assertThatThrownBy(() -> REGISTRY.get("pvt_nano_patch2_28").create(at28().windowSize(7).build()))
        .hasMessageContaining("model.window-size: pvt_nano_patch2_28 has no attention windows");
    assertThatThrownBy(() -> PvtConfig.builder().imageSize(28).patchSize(2).channels(1).numClasses(10)
        .dims(List.of(32, 64)).heads(List.of(1, 2)).mlpRatios(List.of(8.0, 8.0)).srRatios(List.of(4, 1))
        .depths(List.of(1, 1)).build())
        .hasMessageContaining("stage 1 resolution 14x14 must be a multiple of its spatial-reduction ratio 4");
    assertThatThrownBy(() -> PvtConfig.builder().imageSize(28).patchSize(2).channels(1).numClasses(10)
        .dims(List.of(32, 64)).heads(List.of(1, 2)).mlpRatios(List.of(8.0, 8.0)).srRatios(List.of(2, 7))
        .depths(List.of(1, 1)).build())
        .hasMessageContaining("the last stage carries the class token, so its spatial-reduction ratio must be 1, got 7");
  }
}
