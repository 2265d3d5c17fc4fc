package io.expertize.zoo.swin;

import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelProvider;
import java.util.List;

/** The named Swin configs (timm names) and a small one for 28x28 grey images. */
public final class SwinModels implements ModelProvider {

  /** Two stages at 28x28: patch 2 gives 14x14 in four 7x7 windows (shifted on odd blocks), then one 7x7 window. */
  public static final SwinConfig NANO_28 =
      SwinConfig.builder().imageSize(28).patchSize(2).channels(1).numClasses(10).embedDim(64)
          .depths(List.of(2, 2)).heads(List.of(2, 4)).dropPath(0.0).build();

  @Override
  public List<ModelFactory> models() {
    return List.of(
        new SwinFactory("swin_tiny_patch4_window7_224", "Swin-T: C 96, depths 2-2-6-2, heads 3-6-12-24",
            SwinConfig.imagenet(96, List.of(2, 2, 6, 2), List.of(3, 6, 12, 24))),
        new SwinFactory("swin_small_patch4_window7_224", "Swin-S: C 96, depths 2-2-18-2, heads 3-6-12-24",
            SwinConfig.imagenet(96, List.of(2, 2, 18, 2), List.of(3, 6, 12, 24))),
        new SwinFactory("swin_base_patch4_window7_224", "Swin-B: C 128, depths 2-2-18-2, heads 4-8-16-32",
            SwinConfig.imagenet(128, List.of(2, 2, 18, 2), List.of(4, 8, 16, 32))),
        new SwinFactory("swin_nano_patch2_window7_28", "Swin 2 stages (2-2 blocks, C 64), patch 2, window 7, for 28x28 grey images",
            NANO_28));
  }
}
