package io.expertize.zoo.pvt;

import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelProvider;
import java.util.List;

/** The named PVT v1 configs (the reference's names) and a small one for 28x28 grey images. */
public final class PvtModels implements ModelProvider {

  /** Two stages at 28x28: patch 2 gives 14x14 (keys and values reduced to 7x7), then 7x7 with the class token. */
  public static final PvtConfig NANO_28 = PvtConfig.builder().imageSize(28).patchSize(2).channels(1)
      .numClasses(10).dims(List.of(64, 128)).heads(List.of(1, 2)).mlpRatios(List.of(8.0, 8.0))
      .srRatios(List.of(2, 1)).depths(List.of(2, 2)).build();

  @Override
  public List<ModelFactory> models() {
    return List.of(
        new PvtFactory("pvt_tiny", "PVT-Tiny: depths 2-2-2-2, widths 64-128-320-512", PvtConfig.imagenet(List.of(2, 2, 2, 2))),
        new PvtFactory("pvt_small", "PVT-Small: depths 3-4-6-3", PvtConfig.imagenet(List.of(3, 4, 6, 3))),
        new PvtFactory("pvt_medium", "PVT-Medium: depths 3-4-18-3", PvtConfig.imagenet(List.of(3, 4, 18, 3))),
        new PvtFactory("pvt_large", "PVT-Large: depths 3-8-27-3", PvtConfig.imagenet(List.of(3, 8, 27, 3))),
        new PvtFactory("pvt_nano_patch2_28", "PVT 2 stages (2-2 blocks, widths 64-128), patch 2, for 28x28 grey images", NANO_28));
  }
}
