package io.expertize.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.zoo.pvt.PvtConfig;
import io.expertize.zoo.pvt.PvtModels;
import io.expertize.zoo.swin.SwinConfig;
import io.expertize.zoo.swin.SwinModels;
import io.expertize.zoo.t5.T5Config;
import io.expertize.zoo.t5.T5Models;
import io.expertize.zoo.vit.Pooling;
import io.expertize.zoo.vit.VitConfig;
import io.expertize.zoo.vit.VitModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The config records' builders: reference defaults, sizes without a default, copies that change one field. */
class ConfigBuildersTest {

  @Test
  void toBuilderCopiesEveryField() {
    assertThat(VitModels.QUICKSTART.toBuilder().build()).isEqualTo(VitModels.QUICKSTART);
    assertThat(SwinModels.NANO_28.toBuilder().build()).isEqualTo(SwinModels.NANO_28);
    assertThat(PvtModels.NANO_28.toBuilder().build()).isEqualTo(PvtModels.NANO_28);
    assertThat(T5Models.T5_TINY_FORTUNES.toBuilder().build()).isEqualTo(T5Models.T5_TINY_FORTUNES);
    VitConfig token = VitModels.QUICKSTART.toBuilder().pooling(Pooling.TOKEN).build();
    assertThat(token.pooling()).isEqualTo(Pooling.TOKEN);
    assertThat(token.dim()).isEqualTo(VitModels.QUICKSTART.dim());
  }

  @Test
  void buildersStartAtTheReferenceSettings() {
    VitConfig vit = VitConfig.builder().dim(384).depth(12).heads(6).build();
    assertThat(List.of(vit.imageSize(), vit.patchSize(), vit.channels(), vit.numClasses())).containsExactly(224, 16, 3, 1000);
    assertThat(vit.mlpRatio()).isEqualTo(4.0);
    assertThat(vit.qkvBias()).isTrue();
    assertThat(List.of(vit.dropout(), vit.dropPath(), vit.layerNormEps())).containsExactly(0.0, 0.0, 1e-6);
    assertThat(vit.pooling()).isEqualTo(Pooling.TOKEN);
    SwinConfig swin = SwinConfig.builder().embedDim(96).depths(List.of(2, 2, 6, 2)).heads(List.of(3, 6, 12, 24)).build();
    assertThat(swin.windowSize()).isEqualTo(7);
    assertThat(swin.dropPath()).isEqualTo(0.1);
    PvtConfig pvt = PvtConfig.builder().depths(List.of(2, 2, 2, 2)).build();
    assertThat(pvt.srRatios()).containsExactly(8, 4, 2, 1);
    assertThat(T5Models.T5_SMALL.dKv()).isEqualTo(64);
    assertThat(T5Models.T5_SMALL.dropout()).isEqualTo(0.1);
  }

  @Test
  void sizesWithoutADefaultMustBeSet() {
    assertThatThrownBy(() -> VitConfig.builder().depth(12).build())
        .hasMessageContaining("Cannot build VitConfig, some of required attributes are not set [dim, heads]");
    assertThatThrownBy(() -> SwinConfig.builder().embedDim(96).heads(List.of(3)).build())
        .hasMessageContaining("invalid Swin configuration: depths [] and heads [3] need one entry per stage each")
        .hasMessageContaining("depths, have no default");
    assertThatThrownBy(() -> PvtConfig.builder().build())
        .hasMessageContaining("invalid PVT configuration: PVT has 1 to 4 stages, got depths []")
        .hasMessageContaining("depths, have no default");
    assertThatThrownBy(() -> T5Config.builder().dModel(8).dFf(8).heads(2).layers(1).vocab(10).build())
        .hasMessageContaining("Cannot build T5Config, some of required attributes are not set [feedForward, tiedOutput]");
  }
}
