package io.expertize.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.registry.ModelRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * AdamW decays what each family's reference optimizer decays. The references exempt every 1-D
 * parameter (biases, norm gains), names ending in {@code .bias}, the names the model's
 * {@code no_weight_decay()} returns and, for Swin, names containing a {@code no_weight_decay_keywords()}
 * entry (timm's {@code create_optimizer} / Swin's {@code build_optimizer}); everything else decays.
 */
class ReferenceWeightDecayTest {
  private static final ModelRegistry REGISTRY = ModelRegistry.discover();

  private static List<NamedParam> params(String model) {
    return ModuleTree.of(REGISTRY.get(model).reference()).params();
  }

  private static List<String> decayed(List<NamedParam> params) {
    return params.stream().filter(p -> p.param().kind().decayed()).map(NamedParam::path).toList();
  }

  /** The reference rule over our parameter list (same paths and shapes as the reference's). */
  private static List<String> referenceDecayed(List<NamedParam> params, Set<String> noWeightDecay, Set<String> keywords) {
    return params.stream()
        .filter(p -> p.param().dims().length > 1 && !p.path().endsWith(".bias") && !noWeightDecay.contains(p.path())
            && keywords.stream().noneMatch(p.path()::contains))
        .map(NamedParam::path).toList();
  }

  /** PVT v1's pvt.py: {@code no_weight_decay()} returns {'cls_token'} (pos_embed is commented out there). */
  @Test
  void pvtDecaysItsPositionEmbeddingsButNotItsClassToken() {
    for (String model : List.of("pvt_tiny", "pvt_nano_patch2_28")) {
      List<NamedParam> params = params(model);
      assertThat(decayed(params)).as(model).containsExactlyElementsOf(referenceDecayed(params, Set.of("cls_token"), Set.of()));
    }
    List<String> tiny = decayed(params("pvt_tiny"));
    assertThat(tiny).contains("pos_embed1", "pos_embed2", "pos_embed3", "pos_embed4",
        "patch_embed1.proj.weight", "block1.0.attn.sr.weight", "block4.1.mlp.fc2.weight", "head.weight");
    assertThat(tiny).doesNotContain("cls_token", "patch_embed1.norm.weight", "block1.0.attn.norm.weight",
        "block1.0.attn.q.bias", "norm.weight", "head.bias");
    assertThat(decayed(params("pvt_nano_patch2_28"))).contains("pos_embed1", "pos_embed2")
        .doesNotContain("pos_embed3", "cls_token"); // two stages
  }

  /** timm's VisionTransformer(Distilled): {'pos_embed', 'cls_token', 'dist_token'}. */
  @Test
  void vitAndDeitExemptTheirTokensAndPositionEmbedding() {
    Set<String> skip = Set.of("pos_embed", "cls_token", "dist_token");
    for (String model : List.of("vit_tiny_patch16_224", "deit_tiny_distilled_patch16_224", "deit_nano_distilled_patch7_28")) {
      List<NamedParam> params = params(model);
      assertThat(decayed(params)).as(model).containsExactlyElementsOf(referenceDecayed(params, skip, Set.of()))
          .doesNotContain("pos_embed", "cls_token", "dist_token");
    }
  }

  /** Swin: {'absolute_pos_embed'} (unused: no absolute embedding) and keywords {'relative_position_bias_table'}. */
  @Test
  void swinExemptsItsRelativePositionBiasTables() {
    List<NamedParam> params = params("swin_tiny_patch4_window7_224");
    assertThat(decayed(params))
        .containsExactlyElementsOf(referenceDecayed(params, Set.of("absolute_pos_embed"), Set.of("relative_position_bias_table")))
        .noneMatch(p -> p.contains("relative_position_bias_table"));
  }
}
