package io.expertize.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Linear warm-up to the peak, then cosine to the floor; the value depends on the step alone. */
class LearningRateScheduleTest {
  private final LearningRateSchedule s = new LearningRateSchedule(1e-3, 1e-5, 10, 110);

  @Test
  void warmsUpLinearlyThenDecaysAlongACosine() {
    assertThat(s.at(0)).isCloseTo(1e-4, within(1e-12));
    assertThat(s.at(4)).isCloseTo(5e-4, within(1e-12));
    assertThat(s.at(9)).isCloseTo(1e-3, within(1e-12));
    assertThat(s.at(10)).isCloseTo(1e-3, within(1e-12));
    assertThat(s.at(60)).isCloseTo(1e-5 + 0.5 * (1e-3 - 1e-5), within(1e-12)); // half way: cos = 0
    assertThat(s.at(110)).isCloseTo(1e-5, within(1e-12));
    assertThat(s.at(500)).isCloseTo(1e-5, within(1e-12));
    for (long t = 11; t < 110; t++) {
      assertThat(s.at(t)).isLessThan(s.at(t - 1));
    }
  }

  @Test
  void rejectsImpossibleSchedules() {
    assertThatThrownBy(() -> new LearningRateSchedule(1e-3, 0, 0, 0)).hasMessageContaining("total steps");
    assertThatThrownBy(() -> new LearningRateSchedule(-1, 0, 0, 10)).hasMessageContaining("peak -1");
  }
}
