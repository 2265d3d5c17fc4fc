package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.graph.Initializer;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.testing.GradientChecker;
import io.expertize.testing.Tf;
import io.expertize.testing.Tf.ParamValues;
import org.junit.jupiter.api.Test;

class RelativePositionBiasTest {
  private static final int H = 3;

  private static RelativePositionBuckets buckets(int count, int maxDistance, boolean bidirectional) {
    return RelativePositionBuckets.builder().count(count).maxDistance(maxDistance).bidirectional(bidirectional).build();
  }

  @Test
  void biasOfEachPairIsItsBucketsRowOfTheTable() {
    RelativePositionBias bias = new RelativePositionBias(H, buckets(8, 20, true), Initializer.zeros());
    ParamValues pv = ParamValues.random(bias, 1, 1.0);
    Tf.Values y = Tf.eval(tf -> bias.forward(pv.inference(tf), 4, 6));

    assertThat(y.shape()).containsExactly(1, H, 4, 6);
    float[] table = pv.get(bias.ownParams().get(0)); // [buckets, heads]
    for (int h = 0; h < H; h++) {
      for (int q = 0; q < 4; q++) {
        for (int k = 0; k < 6; k++) {
          int bucket = buckets(8, 20, true).bucket(k - q);
          assertThat(y.data()[(h * 4 + q) * 6 + k]).isEqualTo(table[bucket * H + h]);
        }
      }
    }
  }

  @Test
  void aRowChosenAtRunTimeIsThatRowOfTheSquareBias() {
    RelativePositionBias bias = new RelativePositionBias(H, buckets(8, 20, false), Initializer.zeros());
    ParamValues pv = ParamValues.random(bias, 2, 1.0);
    Tf.Values square = Tf.eval(tf -> bias.forward(pv.inference(tf), 6, 6));
    for (int q = 0; q < 6; q++) {
      int query = q;
      Tf.Values row = Tf.eval(tf -> bias.row(pv.inference(tf), tf.constant(query), 6));
      assertThat(row.shape()).containsExactly(1, H, 1, 6);
      for (int h = 0; h < H; h++) {
        for (int k = 0; k < 6; k++) {
          assertThat(row.data()[h * 6 + k]).isEqualTo(square.data()[(h * 6 + q) * 6 + k]);
        }
      }
    }
  }

  @Test
  void tableIsOneWeightOfBucketsByHeads() {
    RelativePositionBuckets t5 = RelativePositionBuckets.builder().bidirectional(false).build();
    assertThat(ModuleTree.of(new RelativePositionBias(H, t5, Initializer.zeros())).params())
        .extracting(NamedParam::path, np -> np.param().shape().asArray().length)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("weight", 2));
  }

  @Test
  void gradients() {
    // Causal with short lengths reaches buckets 0..3 only: the checker needs every entry used, so 4 buckets.
    RelativePositionBias bias = new RelativePositionBias(H, buckets(4, 8, false), Initializer.zeros());
    GradientChecker.of(bias).input(1).parametersOnly()
        .forward((ctx, x) -> bias.forward(ctx, 5, 5)).rtol(5e-3).check();
  }
}
