package io.expertize.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-stage overrides of hierarchical models (Swin, PVT). */
class ModelRequestTest {
  private static final List<Integer> OWN_DEPTHS = List.of(2, 2, 6, 2);

  private static ModelRequest request(int dim, int depth, int heads, String depths) {
    return new ModelRequest(28, 1, 10, 0, dim, depth, heads, 0, -1, -1, 0, ModelRequest.parseDepths(depths));
  }

  @Test
  void depthsComeFromTheListOrTheDepthPerStageOrTheModel() {
    assertThat(ModelRequest.parseDepths(" 1, 2 ,3")).containsExactly(1, 2, 3);
    assertThat(request(0, 0, 0, "1,1").depthsOr(OWN_DEPTHS)).containsExactly(1, 1);
    assertThat(request(0, 3, 0, "").depthsOr(OWN_DEPTHS)).containsExactly(3, 3, 3, 3);
    assertThat(request(0, 0, 0, "").depthsOr(OWN_DEPTHS)).isEqualTo(OWN_DEPTHS);
    assertThatThrownBy(() -> request(0, 3, 0, "1,1").depthsOr(OWN_DEPTHS))
        .hasMessageContaining("either model.depth").hasMessageContaining("or model.depths");
  }

  @Test
  void widthAndHeadsSetTheFirstStageAndKeepTheProportions() {
    assertThat(request(32, 0, 0, "").dimsOr(List.of(64, 128, 320, 512))).containsExactly(32, 64, 160, 256);
    assertThat(request(0, 0, 2, "").headsOr(List.of(3, 6, 12, 24))).containsExactly(2, 4, 8, 16);
    assertThatThrownBy(() -> request(0, 0, 1, "").headsOr(List.of(2, 5)))
        .hasMessageContaining("model.heads = 1").hasMessageContaining("[2, 5] to whole numbers");
  }

  @Test
  void singleStageModelsRejectStageOverrides() {
    assertThatThrownBy(() -> request(0, 0, 0, "1,1").requireSingleStage("vit_x")).hasMessageContaining("model.depths: vit_x");
    ModelRequest window = new ModelRequest(28, 1, 10, 0, 0, 0, 0, 0, -1, -1, 7, List.of());
    assertThatThrownBy(() -> window.requireNoWindow("pvt_x")).hasMessageContaining("model.window-size: pvt_x has no attention windows");
  }
}
