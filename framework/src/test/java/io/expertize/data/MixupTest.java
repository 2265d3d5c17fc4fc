package io.expertize.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MixupTest {
  private static final ImageShape SHAPE = new ImageShape(12, 10, 2);

  @ParameterizedTest
  @ValueSource(doubles = {0.2, 0.8, 1.0})
  void lambdaFollowsBetaAlphaAlpha(double alpha) {
    // Mixup only: the drawn lambda is the raw Beta sample, through the production code path.
    Mixup mixup = new Mixup(alpha, 0, 1.0, 0.5);
    SplittableRandom random = new SplittableRandom(20240601L);
    int n = 20_000;
    double[] lambdas = new double[n];
    SummaryStatistics stats = new SummaryStatistics();
    for (int i = 0; i < n; i++) {
      lambdas[i] = mixup.sample(SHAPE, random).lambda();
      stats.addValue(lambdas[i]);
    }
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(
        new BetaDistribution(alpha, alpha), lambdas);
    assertThat(p).as("KS p-value vs Beta(%s, %s)", alpha, alpha).isGreaterThan(0.001);
    double variance = 1.0 / (4 * (2 * alpha + 1)); // Beta(a, a): a^2 / ((2a)^2 (2a + 1))
    assertThat(stats.getMean()).isCloseTo(0.5, within(5 * Math.sqrt(variance / n)));
    assertThat(stats.getVariance()).isCloseTo(variance, within(0.05 * variance));
  }

  @Test
  void ksTestWouldCatchTheWrongDistribution() {
    // Guard the guard: Beta(a, 1) samples (a classic mistake) must fail the same test.
    BetaDistribution wrong = new BetaDistribution(
        new org.apache.commons.math3.random.Well19937c(1), 0.8, 1.0);
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(
        new BetaDistribution(0.8, 0.8), wrong.sample(20_000));
    assertThat(p).isLessThan(0.001);
  }

  @Test
  void mixupMixesWithTheReversedBatchAndTargetsSumToOne() {
    Batch batch = TestData.batch(5, SHAPE, 3, 1);
    new LabelSmoothing(0.1f).fill(batch.labels(), 5, 3, batch.targets());
    Batch original = TestData.batch(5, SHAPE, 3, 1);
    new LabelSmoothing(0.1f).fill(original.labels(), 5, 3, original.targets());
    Mixup.Params params = new Mixup.Params(0.7, false, 0, 0, 0, 0);
    Mixup.apply(batch, params);
    for (int i = 0; i < 5; i++) {
      int j = 4 - i;
      for (int k = 0; k < SHAPE.size(); k += 5) {
        assertThat(batch.images()[batch.imageOffset(i) + k]).isCloseTo(
            0.7f * original.images()[original.imageOffset(i) + k]
                + 0.3f * original.images()[original.imageOffset(j) + k], within(1e-5f));
      }
      float sum = 0;
      for (int c = 0; c < 3; c++) {
        float expected = 0.7f * original.targets()[i * 3 + c] + 0.3f * original.targets()[j * 3 + c];
        assertThat(batch.targets()[i * 3 + c]).isCloseTo(expected, within(1e-6f));
        sum += batch.targets()[i * 3 + c];
      }
      assertThat(sum).isCloseTo(1f, within(1e-6f));
    }
    // The odd middle example is mixed with itself.
    assertThat(batch.images()[batch.imageOffset(2) + 3])
        .isCloseTo(original.images()[original.imageOffset(2) + 3], within(1e-6f));
  }

  @Test
  void cutmixLambdaEqualsTheFractionOfPixelsKept() {
    Mixup cutmix = new Mixup(0, 1.0, 1.0, 0.5);
    SplittableRandom random = new SplittableRandom(3);
    int checked = 0;
    for (int trial = 0; trial < 200; trial++) {
      Mixup.Params params = cutmix.sample(SHAPE, random);
      assertThat(params.cutmix()).isTrue();
      // Example i holds the constant i so the source of each pixel is visible.
      Batch batch = new Batch(4, SHAPE, 4);
      for (int i = 0; i < 4; i++) {
        java.util.Arrays.fill(batch.images(), batch.imageOffset(i), batch.imageOffset(i + 1), i);
        batch.labels()[i] = i;
      }
      LabelSmoothing.none().fill(batch.labels(), 4, 4, batch.targets());
      Mixup.apply(batch, params);
      for (int i = 0; i < 4; i++) {
        int kept = 0;
        for (int k = 0; k < SHAPE.size(); k++) {
          float v = batch.images()[batch.imageOffset(i) + k];
          assertThat(v).isIn((float) i, (float) (3 - i));
          kept += v == i ? 1 : 0;
        }
        double keptFraction = (double) kept / SHAPE.size();
        assertThat(params.lambda()).isCloseTo(keptFraction, within(1e-12));
        assertThat(1 - params.lambda())
            .isCloseTo((double) params.boxArea() / SHAPE.pixels(), within(1e-12));
        assertThat(batch.targets()[i * 4 + i]).isCloseTo((float) params.lambda(), within(1e-6f));
        assertThat(batch.targets()[i * 4 + 3 - i]).isCloseTo((float) (1 - params.lambda()), within(1e-6f));
      }
      checked++;
    }
    assertThat(checked).isEqualTo(200);
  }

  @Test
  void switchProbChoosesBetweenCutmixAndMixup() {
    Mixup both = new Mixup(0.8, 1.0, 1.0, 0.3);
    SplittableRandom random = new SplittableRandom(5);
    int cutmix = 0;
    for (int i = 0; i < 4000; i++) {
      cutmix += both.sample(SHAPE, random).cutmix() ? 1 : 0;
    }
    assertThat(cutmix / 4000.0).isCloseTo(0.3, within(0.03));
  }

  @Test
  void mixProbSkipsBatches() {
    SplittableRandom random = new SplittableRandom(6);
    int mixed = 0;
    Mixup mixup = new Mixup(1.0, 0, 0.25, 0.5);
    for (int i = 0; i < 4000; i++) {
      mixed += mixup.sample(SHAPE, random).lambda() < 1 ? 1 : 0;
    }
    assertThat(mixed / 4000.0).isCloseTo(0.25, within(0.03));
    assertThat(new Mixup(1.0, 1.0, 0.0, 0.5).sample(SHAPE, random).lambda()).isEqualTo(1.0);
  }

  @Test
  void labelSmoothingUsesTimmsOnAndOffValues() {
    LabelSmoothing smoothing = new LabelSmoothing(0.1f);
    float[] targets = new float[2 * 10];
    smoothing.fill(new int[] {3, 9}, 2, 10, targets);
    assertThat(targets[3]).isCloseTo(0.91f, within(1e-6f));
    assertThat(targets[0]).isCloseTo(0.01f, within(1e-7f));
    assertThat(targets[10 + 9]).isCloseTo(0.91f, within(1e-6f));
    float sum = 0;
    for (int c = 0; c < 10; c++) {
      sum += targets[c];
    }
    assertThat(sum).isCloseTo(1f, within(1e-6f));
  }
}
