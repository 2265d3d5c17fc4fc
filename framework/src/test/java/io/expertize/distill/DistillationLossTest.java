package io.expertize.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.expertize.nn.DistilledClassifier.HeadLogits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * DeiT's hard distillation loss on two images and three classes, against values worked out by hand:
 * each cross-entropy is {@code log(sum_j e^{z_j}) - sum_j t_j z_j}.
 */
class DistillationLossTest {
  private static final float[][] CLASS_HEAD = {{1, 2, 0}, {0.5f, -1, 1.5f}};
  private static final float[][] DISTILLATION_HEAD = {{0, 1, 3}, {2, 0, -2}};
  /** Smoothed / mixed targets, as the image task feeds them. */
  private static final float[][] TARGETS = {{0.8f, 0.1f, 0.1f}, {0.1f, 0.1f, 0.8f}};
  /** The teacher's argmax: row 0 agrees with the distillation head's (class 2), row 1 does not (0 vs 1). */
  private static final long[] TEACHER = {2, 1};

  // class head: row 0: log(e^1 + e^2 + e^0) - (0.8*1 + 0.1*2 + 0.1*0) = 2.407606 - 1.0 = 1.407606
  //             row 1: log(e^0.5 + e^-1 + e^1.5) - (0.05 - 0.1 + 1.2) = 1.871539 - 1.15 = 0.721539; mean 1.064572
  private static final double CLASS_LOSS = (1.4076060 + 0.7215390) / 2;
  // distillation head against one-hot teacher classes (no smoothing):
  //             row 0: log(e^0 + e^1 + e^3) - 3 = 0.169846;  row 1: log(e^2 + e^0 + e^-2) - 0 = 2.142932; mean 1.156389
  private static final double DISTILLATION_LOSS = (0.1698460 + 2.1429316) / 2;

  private record Outcome(float total, float classLoss, float distillationLoss, float agreement, float[][] classGrad,
      float[][] distillationGrad) {}

  private static Outcome run(double alpha) {
    try (Graph g = new Graph(); Session s = new Session(g);
        TFloat32 c = TFloat32.tensorOf(StdArrays.ndCopyOf(CLASS_HEAD));
        TFloat32 d = TFloat32.tensorOf(StdArrays.ndCopyOf(DISTILLATION_HEAD));
        TFloat32 t = TFloat32.tensorOf(StdArrays.ndCopyOf(TARGETS));
        TInt64 k = TInt64.vectorOf(TEACHER)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> classHead = tf.placeholder(TFloat32.class);
      Placeholder<TFloat32> distillationHead = tf.placeholder(TFloat32.class);
      Placeholder<TFloat32> targets = tf.placeholder(TFloat32.class);
      Placeholder<TInt64> teacher = tf.placeholder(TInt64.class);
      DistillationLoss loss = DistillationLoss.hard(tf, new HeadLogits(classHead, distillationHead), targets, teacher, 3, alpha);
      Output<?>[] grads = g.addGradients(loss.total().asOutput(), new Output<?>[] {classHead.asOutput(), distillationHead.asOutput()});
      try (Result r = s.runner().feed(classHead, c).feed(distillationHead, d).feed(targets, t).feed(teacher, k)
          .fetch(loss.total()).fetch(loss.classLoss()).fetch(loss.distillationLoss()).fetch(loss.agreement())
          .fetch(grads[0]).fetch(grads[1]).run()) {
        return new Outcome(((TFloat32) r.get(0)).getFloat(), ((TFloat32) r.get(1)).getFloat(),
            ((TFloat32) r.get(2)).getFloat(), ((TFloat32) r.get(3)).getFloat(),
            StdArrays.array2dCopyOf((TFloat32) r.get(4)), StdArrays.array2dCopyOf((TFloat32) r.get(5)));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 0.25, 0.0, 1.0})
  void lossIsTheAlphaWeightedSumOfTheClassHeadsAndTheDistillationHeadsCrossEntropies(double alpha) {
    Outcome o = run(alpha);
    assertThat((double) o.classLoss()).isCloseTo(CLASS_LOSS, within(1e-6));
    assertThat((double) o.distillationLoss()).isCloseTo(DISTILLATION_LOSS, within(1e-6));
    assertThat((double) o.total()).isCloseTo((1 - alpha) * CLASS_LOSS + alpha * DISTILLATION_LOSS, within(1e-6));
    assertThat(o.agreement()).isEqualTo(0.5f);
  }

  @Test
  void deitsAlphaOfOneHalfGivesTheMeanOfTheTwoLosses() {
    assertThat((double) run(0.5).total()).isCloseTo(1.1104807, within(1e-6));
  }

  /** d/dz of a mean cross-entropy is (softmax(z) - target) / B, weighted by the term's share. */
  @Test
  void eachHeadGetsTheGradientOfItsOwnTermOnly() {
    double alpha = 0.25;
    Outcome o = run(alpha);
    for (int i = 0; i < 2; i++) {
      double[] pc = softmax(CLASS_HEAD[i]);
      double[] pd = softmax(DISTILLATION_HEAD[i]);
      for (int j = 0; j < 3; j++) {
        double oneHot = TEACHER[i] == j ? 1 : 0;
        assertThat((double) o.classGrad()[i][j]).isCloseTo((1 - alpha) * (pc[j] - TARGETS[i][j]) / 2, within(1e-6));
        assertThat((double) o.distillationGrad()[i][j]).isCloseTo(alpha * (pd[j] - oneHot) / 2, within(1e-6));
      }
    }
  }

  private static double[] softmax(float[] z) {
    double sum = 0;
    double[] e = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      e[j] = Math.exp(z[j]);
      sum += e[j];
    }
    for (int j = 0; j < z.length; j++) {
      e[j] /= sum;
    }
    return e;
  }
}
