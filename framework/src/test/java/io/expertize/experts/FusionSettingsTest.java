package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** The per-attribute view the annotation processor uses: which schemes read what, which value is out of range. */
class FusionSettingsTest {

  @Test
  void everyAttributeSaysWhichSchemesReadIt() {
    for (Method attribute : FusionScheme.class.getDeclaredMethods()) {
      // throws for an attribute added to the annotation but not to the table
      assertThat(FusionSettings.schemesReading(attribute.getName())).isNotNull();
    }
    assertThat(FusionSettings.schemesReading("momentum")).containsExactly(Scheme.MEMORY_BANK);
    assertThat(FusionSettings.schemesReading("shareRate")).containsExactlyInAnyOrder(Scheme.EWA, Scheme.TOP_K);
  }

  @Test
  void problemsNameTheirAttribute() {
    FusionSettings bad = new FusionSettings(Scheme.TOP_K, 1.0, true, false, false, 0.3,
        io.expertize.annotations.ShareSchedule.LINEAR, 0, 0.0, 0.01, 0.0);
    assertThat(bad.problemsByAttribute((a, v) -> a + "=" + v)).extracting(FusionSettings.Problem::attribute)
        .containsExactly("momentum", "k", "capacityFactor");
    assertThat(bad.problems((a, v) -> a + "=" + v).get(0)).startsWith("momentum=1.0: ");
  }
}
