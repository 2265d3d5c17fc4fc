package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.testing.GradientChecker;
import io.expertize.testing.Tf;
import io.expertize.testing.Tf.ParamValues;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

class EmbeddingTest {
  private static final double RTOL = 5e-3;
  // id 1 appears three times: its row's gradient must accumulate all three uses
  private static final int[] IDS = {1, 4, 0, 1, 5, 1};

  @Test
  void forwardLooksUpRows() {
    Embedding emb = new Embedding(6, 3);
    ParamValues pv = ParamValues.random(emb, 1, 1.0);
    float[] table = pv.get(emb.weight());
    Tf.Values y =
        Tf.eval(tf -> emb.forward(pv.inference(tf), tf.constant(Shape.of(2, 3), DataBuffers.of(IDS, true, false))));

    assertThat(y.shape()).containsExactly(2, 3, 3);
    double[] expected = new double[IDS.length * 3];
    for (int i = 0; i < IDS.length; i++) {
      for (int d = 0; d < 3; d++) {
        expected[i * 3 + d] = table[IDS[i] * 3 + d];
      }
    }
    assertThat(Tf.maxAbsDiff(y.data(), expected)).isEqualTo(0.0);
    assertThat(emb.weight().dims()).containsExactly(6, 3);
  }

  @Test
  void gradientOfTheTable() {
    Embedding emb = new Embedding(6, 3);
    GradientChecker.Report report =
        GradientChecker.of(emb).ids(IDS, new long[] {2, 3}, emb::forward).elements(6).rtol(RTOL).check();
    // rows never looked up (2 and 3) get exactly zero
    float[] g = report.gradient("weight");
    for (int d = 0; d < 3; d++) {
      assertThat(g[2 * 3 + d]).isZero();
      assertThat(g[3 * 3 + d]).isZero();
    }
  }
}
