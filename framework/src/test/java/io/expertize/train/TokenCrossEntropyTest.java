package io.expertize.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Token cross-entropy on a tiny batch, checked against the formula computed by hand: padding counts
 * zero, the mean is over the real target tokens, and label smoothing replaces the one-hot target by
 * {@code (1 - eps) * onehot + eps / V}; the evaluation sums stay the plain cross-entropy.
 */
class TokenCrossEntropyTest {
  private static final int V = 4;
  /** Two sequences of three tokens: [B=2, T=3, V=4]. */
  private static final float[] LOGITS = {
      2.0f, -1.0f, 0.5f, 0.0f,   1.0f, 1.0f, 3.0f, -2.0f,   0.1f, 0.2f, 0.3f, 0.4f,
      -0.5f, 2.5f, 0.0f, 1.0f,   4.0f, 0.0f, 0.0f, 0.0f,    1.5f, -1.5f, 0.5f, 2.0f};
  /** Id 0 pads: the third token of row 0 and the last two of row 1 count zero. */
  private static final int[] TARGETS = {3, 2, 0, 1, 0, 0};

  /** log softmax of token {@code i}'s logits at id {@code v}. */
  private static double logP(int i, int v) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < V; k++) {
      max = Math.max(max, LOGITS[i * V + k]);
    }
    double sum = 0;
    for (int k = 0; k < V; k++) {
      sum += Math.exp(LOGITS[i * V + k] - max);
    }
    return LOGITS[i * V + v] - max - Math.log(sum);
  }

  /** -sum_v q_v log p_v with q = (1 - eps) onehot + eps / V, averaged over the non-padding tokens. */
  private static double byHand(double eps) {
    double total = 0;
    int tokens = 0;
    for (int i = 0; i < TARGETS.length; i++) {
      if (TARGETS[i] == 0) {
        continue;
      }
      double loss = 0;
      for (int v = 0; v < V; v++) {
        double q = (v == TARGETS[i] ? 1 - eps : 0) + eps / V;
        loss -= q * logP(i, v);
      }
      total += loss;
      tokens++;
    }
    return total / tokens;
  }

  /** A scalar of the loss over {@link #LOGITS} and {@link #TARGETS}. */
  @FunctionalInterface
  private interface Loss {
    Operand<TFloat32> of(Ops tf, Operand<TFloat32> logits, Operand<TInt32> targets);
  }

  private static float run(Loss loss) {
    try (Graph g = new Graph(); Session s = new Session(g);
        TFloat32 l = TFloat32.tensorOf(Shape.of(2, 3, V), DataBuffers.of(LOGITS, true, false));
        TInt32 t = TInt32.tensorOf(Shape.of(2, 3), DataBuffers.of(TARGETS, true, false))) {
      Ops tf = Ops.create(g);
      try (Result r = s.runner().fetch(loss.of(tf, tf.constantOf(l), tf.constantOf(t))).run()) {
        return ((TFloat32) r.get(0)).getFloat();
      }
    }
  }

  @Test
  void smoothedLossIsTheCrossEntropyAgainstTheSmoothedTargetsOverRealTokens() {
    double plain = byHand(0);
    double smoothed = byHand(0.1);
    assertThat(smoothed).isNotCloseTo(plain, within(1e-2)); // the example tells them apart
    assertThat(run((tf, l, t) -> TokenCrossEntropy.mean(tf, l, t, 0.1))).isCloseTo((float) smoothed, within(1e-5f));
    assertThat(run((tf, l, t) -> TokenCrossEntropy.mean(tf, l, t, 0.3))).isCloseTo((float) byHand(0.3), within(1e-5f));
    assertThat(run((tf, l, t) -> TokenCrossEntropy.mean(tf, l, t, 0))).isCloseTo((float) plain, within(1e-5f));
    assertThat(run((tf, l, t) -> TokenCrossEntropy.mean(tf, l, t))).isCloseTo((float) plain, within(1e-5f));
  }

  @Test
  void evaluationSumsArePlainCrossEntropyOverRealTokens() {
    assertThat(run((tf, l, t) -> TokenCrossEntropy.sums(tf, l, t).loss())).isCloseTo((float) (3 * byHand(0)), within(1e-5f));
    assertThat(run((tf, l, t) -> TokenCrossEntropy.sums(tf, l, t).tokens())).isEqualTo(3f);
    // argmax: row 0 token 0 -> 0 (target 3), token 1 -> 2 (target 2, hit); row 1 token 0 -> 1 (target 1, hit)
    assertThat(run((tf, l, t) -> TokenCrossEntropy.sums(tf, l, t).correct())).isEqualTo(2f);
  }

  @Test
  void smoothingOutsideZeroToOneIsRefused() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      assertThatThrownBy(() -> TokenCrossEntropy.mean(tf, tf.zeros(tf.constant(new int[] {1, 1, V}), TFloat32.class),
          tf.zeros(tf.constant(new int[] {1, 1}), TInt32.class), 1.0)).hasMessageContaining("[0, 1), got 1.0");
    }
  }
}
