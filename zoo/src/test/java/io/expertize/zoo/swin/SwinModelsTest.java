package io.expertize.zoo.swin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.nn.ShiftedWindows;
import io.expertize.nn.WindowAttention;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.ModelRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Swin: timm's names and shapes, windows and shifts per block, errors naming the failed constraint. */
class SwinModelsTest {
  private static final ModelRegistry REGISTRY = ModelRegistry.discover();

  private static ModelRequest.Builder at28() {
    return ModelRequest.builder().images(28, 1, 10);
  }

  @Test
  void parameterNamesAndShapesAreTimms() {
    List<NamedParam> params = ModuleTree.of(REGISTRY.get("swin_tiny_patch4_window7_224").reference()).params();
    assertThat(params).extracting(NamedParam::path)
        .startsWith("patch_embed.proj.weight", "patch_embed.proj.bias", "patch_embed.norm.weight", "patch_embed.norm.bias",
            "layers.0.blocks.0.norm1.weight", "layers.0.blocks.0.norm1.bias",
            "layers.0.blocks.0.attn.relative_position_bias_table", "layers.0.blocks.0.attn.qkv.weight",
            "layers.0.blocks.0.attn.qkv.bias", "layers.0.blocks.0.attn.proj.weight", "layers.0.blocks.0.attn.proj.bias",
            "layers.0.blocks.0.norm2.weight", "layers.0.blocks.0.norm2.bias", "layers.0.blocks.0.mlp.fc1.weight",
            "layers.0.blocks.0.mlp.fc1.bias", "layers.0.blocks.0.mlp.fc2.weight", "layers.0.blocks.0.mlp.fc2.bias")
        .contains("layers.0.downsample.norm.weight", "layers.2.blocks.5.attn.qkv.weight")
        .doesNotContain("layers.3.downsample.norm.weight")
        .endsWith("norm.weight", "norm.bias", "head.weight", "head.bias");
    assertThat(dims(params, "layers.0.blocks.0.attn.relative_position_bias_table")).containsExactly(169, 3);
    assertThat(dims(params, "layers.0.downsample.reduction.weight")).containsExactly(192, 384);
    assertThat(dims(params, "layers.3.blocks.1.attn.relative_position_bias_table")).containsExactly(169, 24);
  }

  private static long[] dims(List<NamedParam> params, String path) {
    return params.stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().param().dims();
  }

  @Test
  void oddBlocksShiftByHalfAWindowExceptWhereTheWindowCoversTheGrid() {
    ModuleTree swinT = ModuleTree.of(REGISTRY.get("swin_tiny_patch4_window7_224").reference());
    assertThat(windows(swinT, "layers.0.blocks.0")).extracting(ShiftedWindows::height, ShiftedWindows::window, ShiftedWindows::shift)
        .containsExactly(56, 7, 0);
    assertThat(windows(swinT, "layers.0.blocks.1").shift()).isEqualTo(3);
    assertThat(windows(swinT, "layers.3.blocks.1")).extracting(ShiftedWindows::height, ShiftedWindows::window, ShiftedWindows::shift)
        .containsExactly(7, 7, 0); // 7x7 grid = one window: no shift

    // window 7 at 28 / patch 4 = 7 pixels: clipped to the grid; at 14 (patch 2) it splits the grid in four
    ModuleTree nano = ModuleTree.of(REGISTRY.get("swin_nano_patch2_window7_28").create(ModelRequest.of(28, 1, 10)));
    assertThat(windows(nano, "layers.0.blocks.1")).extracting(ShiftedWindows::count, ShiftedWindows::shift).containsExactly(4, 3);
    ModuleTree clipped = ModuleTree.of(REGISTRY.get("swin_nano_patch2_window7_28").create(at28().patchSize(7).depths(List.of(2)).build()));
    assertThat(windows(clipped, "layers.0.blocks.1")).extracting(ShiftedWindows::window, ShiftedWindows::shift).containsExactly(4, 0);
  }

  private static ShiftedWindows windows(ModuleTree tree, String block) {
    return ((WindowAttention) tree.modules().get(block + ".attn")).windows();
  }

  @Test
  void invalidCombinationsNameTheConstraint() {
    assertThatThrownBy(() -> REGISTRY.get("swin_tiny_patch4_window7_224").create(ModelRequest.of(28, 1, 10)))
        .hasMessageContaining("patch merging after stage 1 halves the grid, so its resolution must be even; it is 7x7 (image 28, patch 4)");
    assertThatThrownBy(() -> REGISTRY.get("swin_nano_patch2_window7_28").create(at28().windowSize(4).build()))
        .hasMessageContaining("stage 1 resolution 14x14 must be a multiple of the window size 4");
    assertThatThrownBy(() -> REGISTRY.get("swin_tiny_patch4_window7_224").create(at28().patchSize(2).heads(5).depths(List.of(2, 2)).windowSize(7).build()))
        .hasMessageContaining("stage 1 width 96 must be a multiple of its head count 5");
    assertThatThrownBy(() -> REGISTRY.get("swin_nano_patch2_window7_28").create(at28().depths(List.of(1, 1, 1)).build()))
        .hasMessageContaining("swin_nano_patch2_window7_28 has 2 stages, the run asks for 3");
    assertThatThrownBy(() -> REGISTRY.get("swin_nano_patch2_window7_28").create(at28().patchSize(5).build()))
        .hasMessageContaining("image size 28 must be a positive multiple of the patch size 5");
  }
}
