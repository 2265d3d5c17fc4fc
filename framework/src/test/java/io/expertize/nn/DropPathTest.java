package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.testing.GradientChecker;
import io.expertize.testing.Tf;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class DropPathTest {
  private static final double RTOL = 5e-3;
  private static final int SAMPLES = 4096;
  private static final int PER_SAMPLE = 2 * 3;
  private static final double P = 0.25;
  private static final float[] X = positive(SAMPLES * PER_SAMPLE);

  private static float[] positive(int n) {
    Random r = new Random(1);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = 1f + r.nextFloat();
    }
    return x;
  }

  private static ForwardContext training(Ops tf, long step) {
    return ForwardContext.training(tf, p -> { throw new AssertionError("no params"); }, tf.constant(step), 17);
  }

  private static Operand<TFloat32> x(Ops tf) {
    return Tf.constant(tf, X, SAMPLES, 2, 3);
  }

  @Test
  void identityInInferenceAndAtRateZero() {
    Tf.Values inference = Tf.eval(tf -> new DropPath(P).forward(ForwardContext.inference(tf, p -> null), x(tf)));
    Tf.Values rateZero = Tf.eval(tf -> new DropPath(0).forward(training(tf, 3), x(tf)));
    assertThat(inference.data()).containsExactly(X);
    assertThat(rateZero.data()).containsExactly(X);
  }

  @Test
  void dropsWholeSamplesAndScalesTheKeptOnes() {
    Tf.Values y = Tf.eval(tf -> new DropPath(P).forward(training(tf, 3), x(tf)));
    assertThat(y.shape()).containsExactly(SAMPLES, 2, 3);
    int kept = 0;
    for (int s = 0; s < SAMPLES; s++) {
      boolean keep = y.data()[s * PER_SAMPLE] != 0f;
      kept += keep ? 1 : 0;
      for (int i = s * PER_SAMPLE; i < (s + 1) * PER_SAMPLE; i++) {
        double expected = keep ? X[i] / (1 - P) : 0;
        assertThat((double) y.data()[i]).as("sample %d element %d", s, i).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
      }
    }
    double sigma = Math.sqrt(P * (1 - P) / SAMPLES);
    assertThat(kept / (double) SAMPLES).isBetween(1 - P - 3 * sigma, 1 - P + 3 * sigma);
  }

  @Test
  void sameStepSameMaskOtherStepOtherMask() {
    DropPath dp = new DropPath(P);
    List<Tf.Values> out =
        Tf.evalAll(tf -> List.of(
            dp.forward(training(tf, 7), x(tf)), dp.forward(training(tf, 7), x(tf)), dp.forward(training(tf, 8), x(tf))));
    assertThat(out.get(1).data()).containsExactly(out.get(0).data());
    assertThat(DropoutTest.differences(out.get(0).data(), out.get(2).data())).isGreaterThan(X.length / 10);
  }

  @Test
  void rejectsRatesOutsideZeroToOne() {
    assertThatThrownBy(() -> new DropPath(1.0)).hasMessageContaining("[0, 1)");
  }

  @Test
  void gradientInTrainingWithFixedStep() {
    DropPath dp = new DropPath(0.5);
    GradientChecker.Report report =
        GradientChecker.of(new Module() {}).input(8, 3, 2).forward(dp::forward).training(2, 6).rtol(RTOL).check();
    // some samples dropped (zero gradient for all 6 elements), some kept
    float[] g = report.gradient(GradientChecker.INPUT);
    int dropped = 0;
    for (int s = 0; s < 8; s++) {
      boolean allZero = true;
      for (int i = 0; i < 6; i++) {
        allZero &= g[s * 6 + i] == 0f;
      }
      dropped += allZero ? 1 : 0;
    }
    assertThat(dropped).isBetween(1, 7);
  }
}
