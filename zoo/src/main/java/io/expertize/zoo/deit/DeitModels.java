package io.expertize.zoo.deit;

import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelProvider;
import io.expertize.zoo.vit.VisionTransformer;
import io.expertize.zoo.vit.VitConfig;
import io.expertize.zoo.vit.VitFactory;
import java.util.List;

/**
 * The named DeiTs (timm names). Plain DeiT is timm's ViT architecture (the paper changed the
 * training recipe, not the model); the distilled ones add the distillation token and head.
 */
public final class DeitModels implements ModelProvider {

  /** A distilled DeiT for 28x28 grey images: 4 blocks of 128, 4 heads, patch 7 (16 patches + 2 tokens). */
  public static final VitConfig NANO_28 = VitConfig.builder().imageSize(28).patchSize(7).channels(1)
      .numClasses(10).dim(128).depth(4).heads(4).build();

  @Override
  public List<ModelFactory> models() {
    VitConfig tiny = VitConfig.imagenet(192, 12, 3);
    VitConfig small = VitConfig.imagenet(384, 12, 6);
    return List.of(
        new VitFactory("deit_tiny_patch16_224", "DeiT-T: 12x192, 3 heads (ViT-Ti/16)", tiny, VisionTransformer::new),
        new VitFactory("deit_small_patch16_224", "DeiT-S: 12x384, 6 heads (ViT-S/16)", small, VisionTransformer::new),
        new VitFactory("deit_tiny_distilled_patch16_224", "DeiT-T distilled: + dist_token, head_dist",
            tiny, DistilledVisionTransformer::new),
        new VitFactory("deit_small_distilled_patch16_224", "DeiT-S distilled: + dist_token, head_dist",
            small, DistilledVisionTransformer::new),
        new VitFactory("deit_nano_distilled_patch7_28", "DeiT distilled 4x128, patch 7, for 28x28 grey images",
            NANO_28, DistilledVisionTransformer::new));
  }
}
