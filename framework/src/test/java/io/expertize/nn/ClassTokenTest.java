package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.testing.GradientChecker;
import io.expertize.testing.Tf;
import io.expertize.testing.Tf.ParamValues;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** ClassToken and PositionEmbedding: the two learned tokens parameters of a ViT's stem. */
class ClassTokenTest {
  private static final double RTOL = 5e-3;

  /** The ViT stem order: prepend cls_token, then add pos_embed over T + 1 positions. */
  static final class Stem extends Module {
    final ClassToken clsToken;
    final PositionEmbedding posEmbed;

    Stem(int tokens, int dim) {
      clsToken = new ClassToken(dim);
      posEmbed = new PositionEmbedding(tokens + 1, dim);
    }

    Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
      return posEmbed.add(ctx, clsToken.prepend(ctx, x));
    }
  }

  @Test
  void classTokenIsPrependedToEverySample() {
    // A lone ClassToken cannot be a root (its parameter is named by the holding field): use the stem.
    Stem stem = new Stem(3, 4);
    ClassToken cls = stem.clsToken;
    ParamValues pv = ParamValues.random(stem, 1, 0.5);
    float[] token = pv.get(cls.ownParams().get(0));
    float[] x = Tf.normal(new Random(2), 2 * 3 * 4, 1.0);
    Tf.Values y = Tf.eval(tf -> cls.prepend(pv.inference(tf), Tf.constant(tf, x, 2, 3, 4)));

    assertThat(y.shape()).containsExactly(2, 4, 4);
    double[] expected = new double[2 * 4 * 4];
    for (int b = 0; b < 2; b++) {
      for (int d = 0; d < 4; d++) {
        expected[b * 16 + d] = token[d];
      }
      for (int t = 0; t < 3; t++) {
        for (int d = 0; d < 4; d++) {
          expected[b * 16 + (t + 1) * 4 + d] = x[b * 12 + t * 4 + d];
        }
      }
    }
    assertThat(Tf.maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void positionEmbeddingIsAddedPerPositionAndBroadcastOverBatch() {
    Stem stem = new Stem(2, 4);
    PositionEmbedding pos = stem.posEmbed;
    ParamValues pv = ParamValues.random(stem, 1, 0.5);
    float[] table = pv.get(pos.ownParams().get(0));
    float[] x = Tf.normal(new Random(2), 2 * 3 * 4, 1.0);
    Tf.Values y = Tf.eval(tf -> pos.add(pv.inference(tf), Tf.constant(tf, x, 2, 3, 4)));

    double[] expected = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      expected[i] = x[i] + (double) table[i % 12];
    }
    assertThat(Tf.maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void positionEmbeddingRejectsAnotherLength() {
    Stem stem = new Stem(2, 4);
    PositionEmbedding pos = stem.posEmbed;
    ParamValues pv = ParamValues.random(stem, 1, 0.5);
    assertThatThrownBy(() -> Tf.eval(tf -> pos.add(pv.inference(tf), Tf.constant(tf, new float[16], 1, 4, 4))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 positions");
  }

  @Test
  void parametersTakeTheFieldPath() {
    assertThat(ModuleTree.of(new Stem(3, 4)).params())
        .extracting(NamedParam::path)
        .containsExactly("cls_token", "pos_embed");
    assertThat(new ClassToken(4).ownParams().get(0).dims()).containsExactly(1, 1, 4);
    assertThat(new PositionEmbedding(5, 4).ownParams().get(0).dims()).containsExactly(1, 5, 4);
  }

  @Test
  void gradients() {
    // The token's gradient sums over the batch through Tile; pos_embed's through the broadcast add.
    Stem stem = new Stem(3, 4);
    GradientChecker.of(stem).input(2, 3, 4).forward(stem::forward).rtol(RTOL).check();
  }
}
