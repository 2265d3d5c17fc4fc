package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.config.Keys;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The descriptor table and the annotation agree: every attribute, its type, its default, its range. */
class FusionAttributeTest {

  @Test
  void theTableHasExactlyTheAnnotationsAttributesInItsOrder() {
    assertThat(FusionAttribute.all()).extracting(FusionAttribute::name)
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(FusionScheme.class.getDeclaredMethods())
            .map(Method::getName).toList());
  }

  @Test
  void everyAttributeHasTheAnnotationsTypeAndDefault() throws Exception {
    for (FusionAttribute<?> a : FusionAttribute.all()) {
      Method m = FusionScheme.class.getMethod(a.name());
      Class<?> boxed = m.getReturnType().isPrimitive() ? box(m.getReturnType()) : m.getReturnType();
      assertThat(a.type()).as("type of %s", a).isEqualTo(boxed);
      assertThat(m.getDefaultValue()).as("default of %s", a).isEqualTo(a.defaultValue());
      assertThat(defaultAccepted(a)).as("the default of %s is in its range", a).isTrue();
      assertThat(FusionAttribute.class.getField(a.constantName()).get(null)).as("constant of %s", a).isSameAs(a);
      assertThat(FusionAttribute.named(a.name())).isSameAs(a);
    }
  }

  @Test
  void numbersHaveARangeFlagsAndEnumsHaveChoices() {
    for (FusionAttribute<?> a : FusionAttribute.all()) {
      boolean numeric = Number.class.isAssignableFrom(a.type());
      assertThat(a.range().isPresent()).as("%s has a range", a).isEqualTo(numeric);
      assertThat(a.choices().isEmpty()).as("%s has choices", a).isEqualTo(numeric);
    }
    assertThat(FusionAttribute.MOMENTUM.range().orElseThrow()).hasToString("in [0, 1)");
    assertThat(FusionAttribute.SHARE_RATE.range().orElseThrow()).hasToString("in [0, 1]");
    assertThat(FusionAttribute.K.range().orElseThrow()).hasToString(">= 1");
    assertThat(FusionAttribute.CAPACITY_FACTOR.range().orElseThrow()).hasToString("> 0");
    assertThat(FusionAttribute.BALANCE_LOSS_WEIGHT.range().orElseThrow()).hasToString(">= 0");
    assertThat(FusionAttribute.EARLY_EWA_FRACTION.range().orElseThrow()).hasToString("in [0, 1]");
    assertThat(FusionAttribute.MOMENTUM.range().orElseThrow().contains(1.0)).isFalse();
    assertThat(FusionAttribute.CAPACITY_FACTOR.range().orElseThrow().contains(0.0)).isFalse();
    assertThat(FusionAttribute.SCHEME.choices()).containsExactly("dense", "sw", "dw", "mb", "ewa", "topk");
  }

  @Test
  void theSchemesThatReadEachAttribute() {
    assertThat(FusionAttribute.MOMENTUM.readers()).containsExactly(Scheme.MEMORY_BANK);
    assertThat(FusionAttribute.NORMALIZED_WEIGHTS.readers()).containsExactly(Scheme.DYNAMIC);
    assertThat(FusionAttribute.SHARE_RATE.readers()).containsExactlyInAnyOrder(Scheme.EWA, Scheme.TOP_K);
    assertThat(FusionAttribute.SHARE_SCHEDULE.readers()).containsExactly(Scheme.EWA);
    assertThat(FusionAttribute.K.readers()).containsExactly(Scheme.TOP_K);
    assertThat(FusionAttribute.SCHEME.readers()).isEmpty();
    assertThatThrownBy(() -> FusionAttribute.named("rate")).hasMessageContaining("has no attribute 'rate'")
        .hasMessageContaining("momentum");
  }

  @Test
  void everyAttributeHasItsConfigurationKeyWithTheRangeAndTheDefaultInItsDoc() {
    for (FusionAttribute<?> a : FusionAttribute.all()) {
      var key = Keys.fusion(a);
      assertThat(key.name()).isEqualTo(a.configKey());
      assertThat(Keys.byName(a.configKey())).contains(key);
      a.range().ifPresent(r -> assertThat(key.constraint().description()).contains(r.toString()));
      a.choices().forEach(c -> assertThat(key.constraint().description()).contains(c));
    }
    assertThat(Keys.FUSION_MOMENTUM.doc()).isEqualTo("mb: the bank momentum δ; model = the model's @FusionScheme value (0.95)");
    assertThat(Keys.FUSION_MOMENTUM.constraint().accepts(Optional.of(0.99))).isTrue();
    assertThat(Keys.FUSION_MOMENTUM.constraint().accepts(Optional.of(1.0))).isFalse();
    assertThat(Keys.FUSION_TOP_K.constraint().description()).isEqualTo(">= 1, or model");
  }

  @Test
  void problemsNameTheirAttributeAndItsRule() {
    FusionSettings bad = FusionSettings.defaults(Scheme.TOP_K).with(FusionAttribute.MOMENTUM, 1.0)
        .with(FusionAttribute.K, 0).with(FusionAttribute.CAPACITY_FACTOR, 0.0)
        .with(FusionAttribute.EARLY_EWA_FRACTION, Double.NaN);
    assertThat(bad.problemsByAttribute((a, v) -> a.name() + "=" + v)).extracting(FusionSettings.Problem::attribute)
        .containsExactly(FusionAttribute.MOMENTUM, FusionAttribute.K, FusionAttribute.CAPACITY_FACTOR,
            FusionAttribute.EARLY_EWA_FRACTION);
    assertThat(bad.problems((a, v) -> a.name() + "=" + v).get(0))
        .isEqualTo("momentum=1.0: the bank momentum δ must be in [0, 1) (default 0.95)");
    assertThat(FusionSettings.defaults(Scheme.EWA).problems((a, v) -> "")).isEmpty();
  }

  @Test
  void theDefaultsAreAnUnparameterisedAnnotations() {
    @FusionScheme
    final class Plain {}
    assertThat(FusionSettings.defaults(Scheme.MEMORY_BANK)).isEqualTo(FusionSettings.of(Plain.class.getAnnotation(FusionScheme.class)));
  }

  private static <T> boolean defaultAccepted(FusionAttribute<T> a) {
    return a.accepts(a.defaultValue());
  }

  private static Class<?> box(Class<?> primitive) {
    return primitive == double.class ? Double.class : primitive == int.class ? Integer.class : Boolean.class;
  }
}
