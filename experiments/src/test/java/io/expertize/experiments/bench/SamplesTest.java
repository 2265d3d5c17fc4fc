package io.expertize.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplesTest {

  private static Samples oneTo(int n) {
    return new Samples(IntStream.rangeClosed(1, n).mapToDouble(i -> i).toArray());
  }

  @Test
  void medianIntervalIsTheBinomialsOrderStatistics() {
    // Binomial(30, 1/2): P(X <= 9) = 2.1%, P(X <= 10) = 4.9%: ranks 10 and 21, coverage 95.7%
    assertThat(oneTo(30).medianInterval95()).containsExactly(10, 21);
    // Binomial(6, 1/2): P(X = 0) = 1.6%: ranks 1 and 6, coverage 96.9%
    assertThat(oneTo(6).medianInterval95()).containsExactly(1, 6);
  }

  @Test
  void tooFewSamplesGiveTheWholeRange() {
    assertThat(oneTo(5).medianInterval95()).containsExactly(1, 5);
    assertThat(oneTo(1).medianInterval95()).containsExactly(1, 1);
  }
}
