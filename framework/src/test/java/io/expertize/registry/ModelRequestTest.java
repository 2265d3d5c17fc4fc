package io.expertize.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The overrides of a request: unset keeps the named config's own; the per-stage ones of Swin and PVT. */
class ModelRequestTest {
  private static final List<Integer> OWN_DEPTHS = List.of(2, 2, 6, 2);

  private static ModelRequest.Builder at28() {
    return ModelRequest.builder().images(28, 1, 10);
  }

  @Test
  void unsetOverridesKeepTheNamedConfigsOwn() {
    ModelRequest own = ModelRequest.of(28, 1, 10);
    assertThat(own.images()).contains(new ModelRequest.Images(28, 1, 10));
    assertThat(own.patchSizeOr(16)).isEqualTo(16);
    assertThat(own.dropoutOr(0.1)).isEqualTo(0.1);
    assertThat(own.dropPathOr(0.2)).isEqualTo(0.2);
    ModelRequest set = at28().patchSize(4).dropout(0).dropPath(0.1).mlpRatio(2).build();
    assertThat(set.patchSizeOr(16)).isEqualTo(4);
    assertThat(set.dropoutOr(0.1)).isZero(); // 0 is a rate like any other, not "unset"
    assertThat(set.dropPathOr(0.2)).isEqualTo(0.1);
    assertThat(set.mlpRatioOr(4.0)).isEqualTo(2.0);
    assertThat(set).isEqualTo(at28().patchSize(4).dropout(0).dropPath(0.1).mlpRatio(2).build()).isNotEqualTo(own);
  }

  @Test
  void valuesOutOfRangeAreRefusedNamingTheField() {
    assertThatThrownBy(() -> at28().patchSize(0)).hasMessageContaining("patchSize must be >= 1, got 0");
    assertThatThrownBy(() -> at28().dropPath(-1)).hasMessageContaining("dropPath must be in [0, 1), got -1");
    assertThatThrownBy(() -> at28().depths(List.of())).hasMessageContaining("leave it unset");
    assertThatThrownBy(() -> ModelRequest.of(0, 1, 10)).hasMessageContaining("image size must be >= 1");
  }

  @Test
  void imageModelsNeedImages() {
    assertThatThrownBy(() -> ModelRequest.builder().build().requireImages("vit_x"))
        .hasMessageContaining("'vit_x' is an image classifier");
  }

  @Test
  void depthsComeFromTheListOrTheDepthPerStageOrTheModel() {
    assertThat(ModelRequest.parseDepths(" 1, 2 ,3")).containsExactly(1, 2, 3);
    assertThat(ModelRequest.parseDepths(" ")).isEmpty();
    assertThat(at28().depths(List.of(1, 1)).build().depthsOr(OWN_DEPTHS)).containsExactly(1, 1);
    assertThat(at28().depth(3).build().depthsOr(OWN_DEPTHS)).containsExactly(3, 3, 3, 3);
    assertThat(at28().build().depthsOr(OWN_DEPTHS)).isEqualTo(OWN_DEPTHS);
    assertThatThrownBy(() -> at28().depth(3).depths(List.of(1, 1)).build().depthsOr(OWN_DEPTHS))
        .hasMessageContaining("either model.depth").hasMessageContaining("or model.depths");
  }

  @Test
  void widthAndHeadsSetTheFirstStageAndKeepTheProportions() {
    assertThat(at28().dim(32).build().dimsOr(List.of(64, 128, 320, 512))).containsExactly(32, 64, 160, 256);
    assertThat(at28().heads(2).build().headsOr(List.of(3, 6, 12, 24))).containsExactly(2, 4, 8, 16);
    assertThatThrownBy(() -> at28().heads(1).build().headsOr(List.of(2, 5)))
        .hasMessageContaining("model.heads = 1").hasMessageContaining("[2, 5] to whole numbers");
  }

  @Test
  void singleStageModelsRejectStageOverrides() {
    assertThatThrownBy(() -> at28().depths(List.of(1, 1)).build().requireSingleStage("vit_x"))
        .hasMessageContaining("model.depths: vit_x");
    ModelRequest window = at28().windowSize(7).build();
    assertThatThrownBy(() -> window.requireNoWindow("pvt_x")).hasMessageContaining("model.window-size: pvt_x has no attention windows");
  }
}
