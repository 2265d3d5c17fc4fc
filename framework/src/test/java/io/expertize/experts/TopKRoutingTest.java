package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.expertize.testing.Tf;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Switch-style dispatch worked by hand: capacity, overflow, choice order, gates, load and balancing loss. */
class TopKRoutingTest {
  // 6 tokens, 2 experts; tokens 0-4 prefer expert 0, token 5 prefers expert 1
  private static final float[] PROBS = {0.9f, 0.1f, 0.8f, 0.2f, 0.7f, 0.3f, 0.6f, 0.4f, 0.55f, 0.45f, 0.25f, 0.75f};

  @Test
  void topOneFillsExpertsInTokenOrderAndDropsTheOverflow() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      TopKRouting r = new TopKRouting(tf, Tf.constant(tf, PROBS, 6, 2), 2, 1, 1.0); // C = ceil(6/2) = 3
      Operand<TFloat32> x = Tf.constant(tf, new float[] {1, 2, 3, 4, 5, 6}, 6, 1);
      Operand<TFloat32> parts = r.dispatch(tf, x);
      assertThat(RandomUniformPartitionTest.floats(s, parts)).containsExactly(1, 2, 3, 6, 0, 0); // [2, 3, 1]
      float[] y = RandomUniformPartitionTest.floats(s, r.combine(tf, parts));
      assertThat(y).containsExactly(new float[] {0.9f * 1, 0.8f * 2, 0.7f * 3, 0, 0, 0.75f * 6}, offset(1e-6f));
      assertThat(RandomUniformPartitionTest.floats(s, r.load(tf))).containsExactly(new float[] {5f / 6, 1f / 6}, offset(1e-6f));
      assertThat(RandomUniformPartitionTest.floats(s, r.dropped(tf))).containsExactly(new float[] {2f / 6}, offset(1e-6f));
      Operand<TFloat32> meanProbs = tf.math.mean(Tf.constant(tf, PROBS, 6, 2), tf.constant(0));
      double p0 = (0.9 + 0.8 + 0.7 + 0.6 + 0.55 + 0.25) / 6;
      double expected = 2 * (5.0 / 6 * p0 + 1.0 / 6 * (1 - p0));
      assertThat((double) RandomUniformPartitionTest.floats(s, r.balanceLoss(tf, meanProbs))[0]).isCloseTo(expected, offset(1e-6));
    }
  }

  @Test
  void secondChoicesQueueBehindEveryFirstChoice() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      // k = 2, factor 1: C = ceil(2·6/2) = 6; expert 0 takes 5 first choices, then token 5's second choice
      TopKRouting r = new TopKRouting(tf, Tf.constant(tf, PROBS, 6, 2), 2, 2, 1.0);
      Operand<TFloat32> x = Tf.constant(tf, new float[] {1, 2, 3, 4, 5, 6}, 6, 1);
      Operand<TFloat32> parts = r.dispatch(tf, x);
      assertThat(RandomUniformPartitionTest.floats(s, parts)).containsExactly(1, 2, 3, 4, 5, 6, 6, 1, 2, 3, 4, 5);
      float[] y = RandomUniformPartitionTest.floats(s, r.combine(tf, parts));
      // both choices kept: Σ gates = 1, so each token comes back whole
      assertThat(y).containsExactly(new float[] {1, 2, 3, 4, 5, 6}, offset(1e-5f));
      assertThat(RandomUniformPartitionTest.floats(s, r.dropped(tf))).containsExactly(0f);
    }
  }

  @Test
  void capacityIsAtLeastOne() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      TopKRouting r = new TopKRouting(tf, Tf.constant(tf, new float[] {0.3f, 0.7f}, 1, 2), 2, 1, 0.1);
      float[] parts = RandomUniformPartitionTest.floats(s, r.dispatch(tf, Tf.constant(tf, new float[] {5}, 1, 1)));
      assertThat(parts).containsExactly(0, 5); // one slot per expert; the token sits in expert 1's
    }
  }
}
