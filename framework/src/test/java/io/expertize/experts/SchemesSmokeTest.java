package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.annotations.Scheme;
import io.expertize.testing.ExpertMlp;
import io.expertize.train.AdamW;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemesSmokeTest {
  @ParameterizedTest
  @EnumSource(Scheme.class)
  void everySchemeTrainsAndEvaluates(Scheme scheme) {
    try (GraphHarness h = GraphHarness.of(ExpertMlp.small(), scheme, 4, new AdamW(0.9, 0.999, 1e-8, 0.05))) {
      float first = h.train(1e-2);
      float last = first;
      for (int i = 0; i < 30; i++) {
        last = h.train(1e-2);
      }
      assertThat(last).isLessThan(first);
      assertThat(h.evalLogits()).hasSize(8 * 3);
    }
  }
}
