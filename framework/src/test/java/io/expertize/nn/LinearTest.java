package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.testing.GradientChecker;
import io.expertize.testing.Reference;
import io.expertize.testing.Tf;
import io.expertize.testing.Tf.ParamValues;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearTest {
  private static final double RTOL = 5e-3;

  @Test
  void forwardUsesTorchWeightLayoutOnRank3Input() {
    Linear lin = new Linear(4, 5, true);
    ParamValues pv = ParamValues.random(lin, 1, 0.5);
    float[] x = Tf.normal(new Random(2), 2 * 3 * 4, 1.0);
    Tf.Values y = Tf.eval(tf -> lin.forward(pv.inference(tf), Tf.constant(tf, x, 2, 3, 4)));

    assertThat(y.shape()).containsExactly(2, 3, 5);
    double[] expected =
        Reference.linear(Reference.toDouble(x), 6, 4, pv.get(lin.weight()), pv.get(lin.bias()), 5);
    assertThat(Tf.maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void forwardWithoutBiasOnRank2Input() {
    Linear lin = new Linear(3, 2, false);
    assertThat(lin.bias()).isNull();
    ParamValues pv = ParamValues.random(lin, 3, 0.5);
    float[] x = Tf.normal(new Random(4), 4 * 3, 1.0);
    Tf.Values y = Tf.eval(tf -> lin.forward(pv.inference(tf), Tf.constant(tf, x, 4, 3)));

    assertThat(y.shape()).containsExactly(4, 2);
    double[] expected = Reference.linear(Reference.toDouble(x), 4, 3, pv.get(lin.weight()), null, 2);
    assertThat(Tf.maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void rejectsWrongInputWidth() {
    Linear lin = new Linear(3, 2);
    ParamValues pv = ParamValues.random(lin, 3, 0.5);
    assertThatThrownBy(() -> Tf.eval(tf -> lin.forward(pv.inference(tf), Tf.constant(tf, new float[8], 2, 4))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Linear expects last dimension 3");
  }

  @Test
  void rejectsNonPositiveSizes() {
    assertThatThrownBy(() -> new Linear(0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in=0");
  }

  @Test
  void gradientsRank2WithBias() {
    Linear lin = new Linear(4, 3, true);
    GradientChecker.of(lin).input(5, 4).forward(lin::forward).rtol(RTOL).check();
  }

  @Test
  void gradientsRank3WithBias() {
    Linear lin = new Linear(4, 3, true);
    GradientChecker.of(lin).input(2, 3, 4).forward(lin::forward).rtol(RTOL).check();
  }

  @Test
  void gradientsRank3WithoutBias() {
    Linear lin = new Linear(4, 3, false);
    GradientChecker.Report report =
        GradientChecker.of(lin).input(2, 3, 4).forward(lin::forward).rtol(RTOL).check();
    assertThat(report.tensors()).containsOnlyKeys(GradientChecker.INPUT, "weight");
  }
}
