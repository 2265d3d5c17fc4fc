package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * T5's bucket function at 32 buckets, max distance 128, checked against values worked out by hand
 * from the definition (relative position = key - query; ln is the natural log).
 */
class RelativePositionBucketsTest {
  private static final RelativePositionBuckets ENCODER = RelativePositionBuckets.builder().bidirectional(true).build();
  private static final RelativePositionBuckets DECODER = RelativePositionBuckets.builder().bidirectional(false).build();

  private static int bidirectional(int relative) {
    return ENCODER.bucket(relative);
  }

  private static int causal(int relative) {
    return DECODER.bucket(relative);
  }

  /**
   * Bidirectional: 16 buckets per direction, keys after the query (relative > 0) offset by 16.
   * Within a direction, distance n < 8 is its own bucket; otherwise
   * bucket = 8 + floor(ln(n / 8) / ln(128 / 8) * (16 - 8)) = 8 + floor(8 ln(n/8) / ln 16), at most 15.
   */
  @Test
  void bidirectionalBucketsByHand() {
    assertThat(bidirectional(0)).isEqualTo(0);        // n = 0, exact
    assertThat(bidirectional(-1)).isEqualTo(1);       // n = 1, exact
    assertThat(bidirectional(-7)).isEqualTo(7);       // n = 7, the last exact one
    assertThat(bidirectional(1)).isEqualTo(17);       // 16 + 1
    assertThat(bidirectional(7)).isEqualTo(23);       // 16 + 7
    assertThat(bidirectional(-8)).isEqualTo(8);       // 8 + floor(8 ln 1 / ln 16) = 8 + 0
    assertThat(bidirectional(8)).isEqualTo(24);       // 16 + 8
    assertThat(bidirectional(-11)).isEqualTo(8);      // ln 1.375 = 0.318454; 8 * 0.318454 / 2.772589 = 0.9189 -> 0
    assertThat(bidirectional(-12)).isEqualTo(9);      // ln 1.5 = 0.405465; 8 * 0.405465 / 2.772589 = 1.1699 -> 1
    assertThat(bidirectional(-16)).isEqualTo(10);     // ln 2 / ln 16 = 1/4 exactly; 8 / 4 = 2
    assertThat(bidirectional(20)).isEqualTo(26);      // 16 + 8 + floor(8 * 0.916291 / 2.772589 = 2.6439) = 26
    assertThat(bidirectional(-64)).isEqualTo(14);     // ln 8 / ln 16 = 3/4 exactly; 8 * 3/4 = 6 -> 8 + 6
    assertThat(bidirectional(-100)).isEqualTo(15);    // ln 12.5 = 2.525729; 8 * 2.525729 / 2.772589 = 7.2877 -> 8 + 7
    assertThat(bidirectional(127)).isEqualTo(31);     // ln 15.875 = 2.764746; 8 * 0.997171 = 7.9774 -> 16 + 8 + 7
    assertThat(bidirectional(-128)).isEqualTo(15);    // 8 + 8 = 16, capped at 15
    assertThat(bidirectional(1000)).isEqualTo(31);    // beyond max distance: the last bucket of its direction
    assertThat(bidirectional(-1000)).isEqualTo(15);
  }

  /**
   * Causal (decoder self-attention): all 32 buckets look back. n = max(query - key, 0), so keys
   * after the query all land in bucket 0 (they are masked anyway). n < 16 is exact; otherwise
   * bucket = 16 + floor(ln(n / 16) / ln(128 / 16) * (32 - 16)) = 16 + floor(16 ln(n/16) / ln 8), at most 31.
   */
  @Test
  void causalBucketsByHand() {
    assertThat(causal(5)).isEqualTo(0);               // a future key: n = 0
    assertThat(causal(0)).isEqualTo(0);
    assertThat(causal(-1)).isEqualTo(1);
    assertThat(causal(-15)).isEqualTo(15);            // the last exact one
    assertThat(causal(-16)).isEqualTo(16);            // 16 + floor(16 ln 1 / ln 8) = 16
    assertThat(causal(-20)).isEqualTo(17);            // ln 1.25 = 0.223144; 16 * 0.223144 / 2.079442 = 1.7170 -> 1
    assertThat(causal(-32)).isEqualTo(21);            // ln 2 / ln 8 = 1/3; 16 / 3 = 5.333 -> 5
    assertThat(causal(-64)).isEqualTo(26);            // 32 / 3 = 10.667 -> 10
    assertThat(causal(-100)).isEqualTo(30);           // ln 6.25 = 1.832581; 16 * 0.881285 = 14.1006 -> 14
    assertThat(causal(-127)).isEqualTo(31);           // ln 7.9375 = 2.071602; 16 * 0.996230 = 15.9397 -> 15
    assertThat(causal(-128)).isEqualTo(31);           // 16 + 16 = 32, capped at 31
    assertThat(causal(-500)).isEqualTo(31);
  }

  /** The reference computes the large buckets in TF float32 ops; the Java function agrees everywhere here. */
  @Test
  void agreesWithTheFloat32GraphFormulaOverAWideRange() {
    int span = 600;
    int[] relative = new int[2 * span + 1];
    for (int i = 0; i < relative.length; i++) {
      relative[i] = i - span;
    }
    for (boolean bidi : new boolean[] {true, false}) {
      int[] expected = graphBuckets(relative, bidi);
      for (int i = 0; i < relative.length; i++) {
        assertThat((bidi ? ENCODER : DECODER).bucket(relative[i]))
            .as("relative position %d, bidirectional %s", relative[i], bidi).isEqualTo(expected[i]);
      }
    }
  }

  /** mesh TensorFlow's formula as TF ops: log in float32, then a cast to int32. */
  private static int[] graphBuckets(int[] relative, boolean bidirectional) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      int buckets = 32;
      Operand<TInt32> n = tf.constant(relative);
      Operand<TInt32> ret = tf.zerosLike(n);
      if (bidirectional) {
        buckets /= 2;
        ret = tf.math.mul(tf.dtypes.cast(tf.math.greater(n, tf.constant(0)), TInt32.class), tf.constant(buckets));
        n = tf.math.abs(n);
      } else {
        n = tf.math.maximum(tf.math.neg(n), tf.constant(0));
      }
      int maxExact = buckets / 2;
      Operand<TFloat32> ratio = tf.math.div(tf.dtypes.cast(n, TFloat32.class), tf.constant((float) maxExact));
      Operand<TFloat32> scaled = tf.math.mul(tf.math.div(tf.math.log(ratio), tf.constant((float) Math.log(128.0 / maxExact))),
          tf.constant((float) (buckets - maxExact)));
      Operand<TInt32> large = tf.math.minimum(tf.math.add(tf.constant(maxExact), tf.dtypes.cast(scaled, TInt32.class)),
          tf.constant(buckets - 1));
      Operand<TInt32> out = tf.math.add(ret, tf.select(tf.math.less(n, tf.constant(maxExact)), n, large));
      try (Result r = s.runner().fetch(out).run()) {
        TInt32 t = (TInt32) r.get(0);
        int[] values = new int[relative.length];
        for (int i = 0; i < values.length; i++) {
          values[i] = t.getInt(i);
        }
        return values;
      }
    }
  }

  @Test
  void tableIsRowMajorQueryByKey() {
    int[] table = ENCODER.table(2, 3);
    // query 0: keys 0, 1, 2 -> relative 0, 1, 2; query 1: -1, 0, 1
    assertThat(table).containsExactly(0, 17, 18, 1, 0, 17);
  }

  @Test
  void defaultsAreT5sLayout() {
    assertThat(ENCODER.count()).isEqualTo(32);
    assertThat(ENCODER.maxDistance()).isEqualTo(128);
  }

  @Test
  void invalidLayoutsNameTheConstraint() {
    assertThatThrownBy(() -> RelativePositionBuckets.builder().bidirectional(true).count(6).maxDistance(3).build())
        .hasMessageContaining("max distance 3");
    assertThatThrownBy(() -> RelativePositionBuckets.validate(7, 128)).hasMessageContaining("even number of buckets");
    assertThatThrownBy(() -> RelativePositionBuckets.validate(32, 16)).hasMessageContaining("max distance 16");
  }
}
