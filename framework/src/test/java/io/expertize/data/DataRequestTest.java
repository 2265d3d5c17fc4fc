package io.expertize.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DataRequestTest {

  @Test
  void defaultsAreAllOfTheDataAtItsOwnShapeWithTheConfigurationsSplit() {
    DataRequest r = DataRequest.builder().build();
    assertThat(r.dir()).isEmpty();
    assertThat(r.trainLimit()).isEqualTo(Integer.MAX_VALUE);
    assertThat(r.testLimit()).isEqualTo(Integer.MAX_VALUE);
    assertThat(r.imageSize()).isEmpty();
    assertThat(r.channels()).isEmpty();
    assertThat(r.classes()).isEmpty();
    assertThat(r.valFraction()).isEqualTo(0.1);
    assertThat(r.seed()).isEqualTo(42L);
    assertThat(r.skipBadImages()).isFalse();
    assertThat(r.options()).isEmpty();
  }

  @Test
  void eachWitherChangesOnlyItsOwnParts() {
    DataRequest base = DataRequest.builder().dir(Path.of("d")).trainLimit(5).testLimit(6).imageSize(32).channels(3)
        .classes(List.of("a", "b")).valFraction(0.2).seed(7).skipBadImages(true).putOptions("k", "v").build();
    assertThat(base.withLimits(1, 2)).isEqualTo(DataRequest.builder().from(base).trainLimit(1).testLimit(2).build());
    assertThat(base.withImageSize(64).imageSize()).isEqualTo(OptionalInt.of(64));
    assertThat(base.withChannels(1).channels()).isEqualTo(OptionalInt.of(1));
    assertThat(base.withClasses(List.of("c")).classes()).containsExactly("c");
    DataRequest split = base.withSplit(0.3, 9);
    assertThat(List.of(split.valFraction(), (double) split.seed())).containsExactly(0.3, 9.0);
    assertThat(base.withSkipBadImages(false).skipBadImages()).isFalse();
    assertThat(base.withOption("k", "w").withOption("x", "y").options()).isEqualTo(Map.of("k", "w", "x", "y"));
    DataRequest changed = base.withImageSize(64);
    assertThat(List.of(changed.dir(), changed.classes(), changed.options()))
        .containsExactly(Optional.of(Path.of("d")), List.of("a", "b"), Map.of("k", "v"));
    assertThat(changed.trainLimit()).isEqualTo(5);
  }

  @Test
  void optionsFallBackWhenAbsentOrBlankAndLimitsMustNotBeNegative() {
    DataRequest r = DataRequest.of(Path.of("d")).withOption("blank", " ");
    assertThat(r.option("blank", "fallback")).isEqualTo("fallback");
    assertThat(r.option("absent", "fallback")).isEqualTo("fallback");
    assertThatThrownBy(() -> DataRequest.builder().trainLimit(-1).build())
        .hasMessageContaining("limits must be >= 0, got -1");
  }
}
