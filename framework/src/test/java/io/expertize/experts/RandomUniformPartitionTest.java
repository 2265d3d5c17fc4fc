package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.testing.Tf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * EWA's random uniform partition, including the remainder when N does not divide T: every token goes
 * to exactly one expert, expert sizes differ by at most one, pad slots are never read back, and
 * combine undoes dispatch exactly.
 */
class RandomUniformPartitionTest {

  @ParameterizedTest(name = "T={0}, N={1}")
  @CsvSource({"12, 4", "13, 4", "9, 4", "5, 4", "3, 4", "1, 2", "17, 16", "64, 8"})
  void everyTokenGoesToExactlyOneExpertAndSizesDifferByAtMostOne(int tokens, int experts) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      RandomUniformPartition p = RandomUniformPartition.draw(tf, tf.constant(tokens), experts, tf.constant(new long[] {3, 9}));
      int[] rows = ints(s, p.dispatchRows());
      int slots = rows.length / experts;
      assertThat(rows.length).isEqualTo(experts * ((tokens + experts - 1) / experts));
      List<Integer> seen = new ArrayList<>();
      int[] sizes = new int[experts];
      for (int e = 0; e < experts; e++) {
        for (int slot = 0; slot < slots; slot++) {
          int token = rows[e * slots + slot];
          if (token != tokens) { // tokens = the pad row
            seen.add(token);
            sizes[e]++;
          }
        }
      }
      assertThat(seen).containsExactlyInAnyOrderElementsOf(range(tokens));
      int min = Arrays.stream(sizes).min().orElseThrow();
      int max = Arrays.stream(sizes).max().orElseThrow();
      assertThat(max - min).as("sizes %s", Arrays.toString(sizes)).isLessThanOrEqualTo(1);
    }
  }

  @ParameterizedTest(name = "T={0}, N={1}")
  @CsvSource({"12, 4", "13, 4", "7, 3", "2, 3"})
  void combineUndoesDispatchAndEachTokenSeesItsOwnExpert(int tokens, int experts) {
    float[] x = new float[tokens * 2];
    for (int t = 0; t < tokens; t++) {
      x[2 * t] = t;
      x[2 * t + 1] = -t;
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      RandomUniformPartition p = RandomUniformPartition.draw(tf, tf.constant(tokens), experts, tf.constant(new long[] {1, 2}));
      Operand<TFloat32> parts = p.dispatch(tf, Tf.constant(tf, x, tokens, 2));
      // "expert" e adds 1000·e: the output tells which expert saw each token
      Operand<TFloat32> offsets = tf.reshape(tf.math.mul(tf.dtypes.cast(tf.range(tf.constant(0), tf.constant(experts),
          tf.constant(1)), TFloat32.class), tf.constant(1000f)), tf.constant(new int[] {experts, 1, 1}));
      Operand<TFloat32> back = p.combine(tf, tf.math.add(parts, offsets));
      float[] y = floats(s, back);
      int[] rows = ints(s, p.dispatchRows());
      int slots = rows.length / experts;
      for (int t = 0; t < tokens; t++) {
        int row = indexOf(rows, t);
        int expert = row / slots;
        assertThat(y[2 * t]).isEqualTo(t + 1000f * expert);
        assertThat(y[2 * t + 1]).isEqualTo(-t + 1000f * expert);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"0", "1"})
  void partitionsAreKeyedOnTheSeed(long step) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TInt64> seedA = tf.constant(new long[] {step, 7});
      int[] a = ints(s, RandomUniformPartition.draw(tf, tf.constant(32), 4, seedA).dispatchRows());
      int[] again = ints(s, RandomUniformPartition.draw(tf, tf.constant(32), 4, seedA).dispatchRows());
      int[] other = ints(s, RandomUniformPartition.draw(tf, tf.constant(32), 4, tf.constant(new long[] {step + 1, 7})).dispatchRows());
      assertThat(again).containsExactly(a);
      assertThat(other).isNotEqualTo(a);
    }
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    throw new AssertionError(v + " not dispatched");
  }

  private static List<Integer> range(int n) {
    List<Integer> r = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      r.add(i);
    }
    return r;
  }

  static int[] ints(Session s, Operand<TInt32> op) {
    try (Result r = s.runner().fetch(op).run()) {
      TInt32 t = (TInt32) r.get(0);
      int[] out = new int[(int) t.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = t.getInt(i);
      }
      return out;
    }
  }

  static float[] floats(Session s, Operand<TFloat32> op) {
    try (Result r = s.runner().fetch(op).run()) {
      return io.expertize.testing.GradientChecker.read((TFloat32) r.get(0));
    }
  }
}
