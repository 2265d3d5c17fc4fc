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

class DropoutTest {
  private static final double RTOL = 5e-3;
  private static final int ROWS = 64;
  private static final int COLS = 1024;
  private static final double P = 0.3;

  /** Strictly positive inputs, so a zero in the output can only be a dropped element. */
  private static final float[] X = positive(ROWS * COLS);

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
    return Tf.constant(tf, X, ROWS, COLS);
  }

  @Test
  void identityInInference() {
    Dropout drop = new Dropout(P);
    Tf.Values y = Tf.eval(tf -> drop.forward(ForwardContext.inference(tf, p -> null), x(tf)));
    assertThat(y.data()).containsExactly(X);
  }

  @Test
  void trainingKeepsAboutOneMinusPAndScalesKeptValues() {
    Dropout drop = new Dropout(P);
    Tf.Values y = Tf.eval(tf -> drop.forward(training(tf, 3), x(tf)));
    int kept = 0;
    for (int i = 0; i < X.length; i++) {
      if (y.data()[i] != 0f) {
        kept++;
        assertThat((double) y.data()[i]).isCloseTo(X[i] / (1 - P), org.assertj.core.data.Offset.offset(1e-5));
      }
    }
    double n = X.length;
    double sigma = Math.sqrt(P * (1 - P) / n);
    assertThat(kept / n).isBetween(1 - P - 3 * sigma, 1 - P + 3 * sigma);
  }

  @Test
  void sameStepSameMaskOtherStepOtherMask() {
    Dropout drop = new Dropout(P);
    List<Tf.Values> out =
        Tf.evalAll(tf -> List.of(
            drop.forward(training(tf, 7), x(tf)),
            drop.forward(training(tf, 7), x(tf)),
            drop.forward(training(tf, 8), x(tf))));
    assertThat(out.get(1).data()).containsExactly(out.get(0).data());
    assertThat(differences(out.get(0).data(), out.get(2).data())).isGreaterThan(X.length / 10);
  }

  @Test
  void twoDropoutsInOnePassDrawDifferentMasks() {
    Dropout a = new Dropout(P);
    Dropout b = new Dropout(P);
    List<Tf.Values> out =
        Tf.evalAll(tf -> {
          ForwardContext ctx = training(tf, 7);
          return List.of(a.forward(ctx, x(tf)), b.forward(ctx, x(tf)));
        });
    assertThat(differences(out.get(0).data(), out.get(1).data())).isGreaterThan(X.length / 10);
  }

  @Test
  void rejectsRatesOutsideZeroToOne() {
    assertThatThrownBy(() -> new Dropout(1.0)).hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> new Dropout(-0.1)).hasMessageContaining("[0, 1)");
  }

  @Test
  void gradientInTrainingWithFixedStep() {
    Dropout drop = new Dropout(0.4);
    GradientChecker.Report report =
        GradientChecker.of(new Module() {})
            .input(4, 6)
            .forward(drop::forward)
            .training(21, 4)
            .rtol(RTOL)
            .check();
    // the mask is in the gradient: dropped elements get exactly zero, some but not all
    float[] g = report.gradient(GradientChecker.INPUT);
    long zeros = 0;
    for (float v : g) {
      zeros += v == 0f ? 1 : 0;
    }
    assertThat(zeros).isBetween(1L, (long) g.length - 1);
  }

  static int differences(float[] a, float[] b) {
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      n += a[i] != b[i] ? 1 : 0;
    }
    return n;
  }
}
