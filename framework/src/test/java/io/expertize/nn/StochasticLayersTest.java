package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.graph.ForwardContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Dropout and stochastic depth: identities at inference, the right statistics and step-keyed masks in training. */
class StochasticLayersTest {

  private static float[] run(boolean training, long step, java.util.function.BiFunction<ForwardContext, Operand<TFloat32>, Operand<TFloat32>> layer, long[] shape) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> ones = tf.ones(tf.constant(shape), TFloat32.class);
      ForwardContext ctx = training
          ? ForwardContext.training(tf, p -> { throw new AssertionError(); }, tf.constant(step), 1)
          : ForwardContext.inference(tf, p -> { throw new AssertionError(); });
      try (Result r = s.runner().fetch(layer.apply(ctx, ones)).run()) {
        TFloat32 y = (TFloat32) r.get(0);
        float[] out = new float[(int) y.shape().size()];
        y.asRawTensor().data().asFloats().read(out);
        return out;
      }
    }
  }

  @Test
  void dropoutKeepsOneMinusPScaledAndIsKeyedOnTheStep() {
    Dropout d = new Dropout(0.3);
    long[] shape = {100, 1000};
    float[] y = run(true, 1, d::forward, shape);
    long kept = 0;
    for (float v : y) {
      assertThat(v).satisfiesAnyOf(x -> assertThat(x).isZero(), x -> assertThat(x).isCloseTo(1 / 0.7f, org.assertj.core.data.Offset.offset(1e-6f)));
      kept += v != 0 ? 1 : 0;
    }
    double n = y.length, p = 0.7;
    assertThat((double) kept).isCloseTo(n * p, org.assertj.core.data.Offset.offset(3 * Math.sqrt(n * p * (1 - p))));
    assertThat(run(true, 1, d::forward, shape)).isEqualTo(y);
    assertThat(run(true, 2, d::forward, shape)).isNotEqualTo(y);
    assertThat(run(false, 1, d::forward, shape)).containsOnly(1f);
  }

  @Test
  void dropPathDropsWholeSamples() {
    DropPath p = new DropPath(0.5);
    long[] shape = {400, 3, 5};
    float[] y = run(true, 3, p::forward, shape);
    int dropped = 0;
    for (int n = 0; n < 400; n++) {
      float first = y[n * 15];
      for (int i = 1; i < 15; i++) {
        assertThat(y[n * 15 + i]).as("sample %d is all kept or all dropped", n).isEqualTo(first);
      }
      assertThat(first).isIn(0f, 2f);
      dropped += first == 0 ? 1 : 0;
    }
    assertThat((double) dropped).isCloseTo(200, org.assertj.core.data.Offset.offset(3 * Math.sqrt(100)));
    assertThat(run(false, 3, p::forward, shape)).containsOnly(1f);
  }

  @Test
  void rejectsRatesOutsideZeroToOne() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Dropout(1.0)).hasMessageContaining("[0, 1)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DropPath(-0.1)).hasMessageContaining("[0, 1)");
  }
}
