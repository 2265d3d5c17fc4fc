package io.expertize.zoo.vit;

import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelProvider;
import java.util.List;

/** The named ViT configs (timm names) and the quickstart model. */
public final class VitModels implements ModelProvider {

  /**
   * The quickstart: a small ViT for 28x28 grey images, sized so that it clears 88% on
   * Fashion-MNIST within minutes on two CPU cores (see docs/benchmarks.md).
   */
  public static final VitConfig QUICKSTART = VitConfig.builder().imageSize(28).patchSize(7).channels(1)
      .numClasses(10).dim(128).depth(4).heads(4).pooling(Pooling.AVG).build();

  @Override
  public List<ModelFactory> models() {
    return List.of(
        new VitFactory("vit_quickstart", "ViT 4x128, patch 7, for 28x28 grey images (the quickstart)", QUICKSTART),
        new VitFactory("vit_tiny_patch16_224", "ViT-Ti/16 (= DeiT-T): 12x192, 3 heads", VitConfig.imagenet(192, 12, 3)),
        new VitFactory("vit_small_patch16_224", "ViT-S/16 (= DeiT-S): 12x384, 6 heads", VitConfig.imagenet(384, 12, 6)),
        new VitFactory("vit_base_patch16_224", "ViT-B/16: 12x768, 12 heads", VitConfig.imagenet(768, 12, 12)));
  }
}
