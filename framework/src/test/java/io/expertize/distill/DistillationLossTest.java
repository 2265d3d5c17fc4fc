package io.expertize.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.expertize.nn.DistilledClassifier.HeadLogits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * DeiT's distillation losses on two images and three classes, against values worked out by hand: each
 * cross-entropy is {@code log(sum_j e^{z_j}) - sum_j t_j z_j}; the soft term is
 * {@code tau^2 / (B * K) * sum_i sum_j q_ij (log q_ij - log p_ij)} with {@code q = softmax(teacher / tau)},
 * {@code p = softmax(distillation head / tau)} (deit {@code losses.py}: {@code kl_div(..., reduction='sum',
 * log_target=True) * T * T / outputs_kd.numel()}).
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

  /** The teacher's logits: argmax 2 (agrees with the distillation head's) and 1 (does not: 0). */
  private static final float[][] TEACHER_SCORES = {{0.5f, -1, 2}, {1, 1.5f, -0.5f}};
  /** The same with class 1 of image 0 at probability 0, as the log of a probabilities output gives it. */
  private static final float[][] TEACHER_SCORES_WITH_ZERO = {{0.5f, Float.NEGATIVE_INFINITY, 2}, {1, 1.5f, -0.5f}};

  // soft term at tau = 1: row 0: q = softmax(0.5, -1, 2) = (0.175290, 0.039113, 0.785597),
  //   log q = (-1.741311, -3.241311, -0.241311), log p = log softmax(0, 1, 3) = (-3.169846, -2.169846, -0.169846),
  //   sum q (log q - log p) = 0.175290 * 1.428535 + 0.039113 * -1.071465 + 0.785597 * -0.071465 = 0.152358
  // row 1: q = softmax(1, 1.5, -0.5) = (0.348207, 0.574097, 0.077696), log q = (-1.054957, -0.554957, -2.554957),
  //   log p = log softmax(2, 0, -2) = (-0.142932, -2.142932, -4.142932): 0.717456
  // (0.152358 + 0.717456) * 1^2 / (2 * 3) = 0.144969; likewise tau = 2 and 0.5 (the rows' KL at that temperature,
  // times tau^2 / 6), and with the zero: row 0 has q = (0.182426, 0, 0.817574) at tau = 1, 0.242071 instead.

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

  private static Outcome runSoft(double alpha, double tau, float[][] teacherScores) {
    try (Graph g = new Graph(); Session s = new Session(g);
        TFloat32 c = TFloat32.tensorOf(StdArrays.ndCopyOf(CLASS_HEAD));
        TFloat32 d = TFloat32.tensorOf(StdArrays.ndCopyOf(DISTILLATION_HEAD));
        TFloat32 t = TFloat32.tensorOf(StdArrays.ndCopyOf(TARGETS));
        TFloat32 k = TFloat32.tensorOf(StdArrays.ndCopyOf(teacherScores))) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> classHead = tf.placeholder(TFloat32.class);
      Placeholder<TFloat32> distillationHead = tf.placeholder(TFloat32.class);
      Placeholder<TFloat32> targets = tf.placeholder(TFloat32.class);
      Placeholder<TFloat32> teacher = tf.placeholder(TFloat32.class);
      DistillationLoss loss = DistillationLoss.soft(tf, new HeadLogits(classHead, distillationHead), targets, teacher,
          alpha, tau);
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

  /** tau, the soft term, and the soft term with a probability 0 (worked out as above, in double precision). */
  @ParameterizedTest
  @CsvSource({"1, 0.14496897949784462, 0.15992119440527322", "2, 0.17982316682624847, 0.33887051351632697",
      "0.5, 0.10299348301642447, 0.10330201768217771"})
  void softLossIsTauSquaredTimesTheKlSummedOverBatchAndClassesOverTheirProduct(double tau, double soft,
      double softWithZero) {
    double alpha = 0.25;
    Outcome o = runSoft(alpha, tau, TEACHER_SCORES);
    assertThat((double) o.classLoss()).isCloseTo(CLASS_LOSS, within(1e-6));
    assertThat((double) o.distillationLoss()).isCloseTo(soft, within(1e-6));
    assertThat((double) o.total()).isCloseTo((1 - alpha) * CLASS_LOSS + alpha * soft, within(1e-6));
    assertThat(o.agreement()).isEqualTo(0.5f);
    Outcome zero = runSoft(alpha, tau, TEACHER_SCORES_WITH_ZERO);
    assertThat((double) zero.distillationLoss()).isCloseTo(softWithZero, within(1e-6));
    assertThat((double) zero.total()).isCloseTo((1 - alpha) * CLASS_LOSS + alpha * softWithZero, within(1e-6));
  }

  /** The teacher is its own best student: the soft term vanishes when the head answers the teacher's logits. */
  @Test
  void softLossIsZeroWhenTheDistillationHeadIsTheTeacher() {
    for (double tau : new double[] {1, 3}) {
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        DistillationLoss loss = DistillationLoss.soft(tf, new HeadLogits(tf.constant(CLASS_HEAD),
            tf.constant(TEACHER_SCORES)), tf.constant(TARGETS), tf.constant(TEACHER_SCORES), 0.5, tau);
        try (Result r = s.runner().fetch(loss.distillationLoss()).fetch(loss.agreement()).run()) {
          assertThat(((TFloat32) r.get(0)).getFloat()).isCloseTo(0f, within(1e-7f));
          assertThat(((TFloat32) r.get(1)).getFloat()).isEqualTo(1f);
        }
      }
    }
  }

  /**
   * d/dz of the soft term is {@code tau^2 / (B K) * (p - q) / tau = tau * (p - q) / (B K)}, weighted by
   * alpha; the class head's gradient is the hard loss's; a teacher's class of probability 0 has q = 0.
   */
  @ParameterizedTest
  @ValueSource(doubles = {1, 2, 0.5})
  void softGradientIsTauTimesTheDistributionsDifferenceOverBatchTimesClasses(double tau) {
    double alpha = 0.25;
    for (float[][] teacherScores : new float[][][] {TEACHER_SCORES, TEACHER_SCORES_WITH_ZERO}) {
      Outcome o = runSoft(alpha, tau, teacherScores);
      for (int i = 0; i < 2; i++) {
        double[] pc = softmax(CLASS_HEAD[i]);
        double[] p = softmax(DISTILLATION_HEAD[i], tau);
        double[] q = softmax(teacherScores[i], tau);
        for (int j = 0; j < 3; j++) {
          assertThat((double) o.classGrad()[i][j]).isCloseTo((1 - alpha) * (pc[j] - TARGETS[i][j]) / 2, within(1e-6));
          assertThat((double) o.distillationGrad()[i][j]).as("image %d, class %d, tau %s", i, j, tau)
              .isCloseTo(alpha * tau * (p[j] - q[j]) / 6, within(1e-7));
        }
      }
    }
  }

  @Test
  void softRefusesATemperatureThatIsNotPositive() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      HeadLogits heads = new HeadLogits(tf.constant(CLASS_HEAD), tf.constant(DISTILLATION_HEAD));
      assertThatThrownBy(() -> DistillationLoss.soft(tf, heads, tf.constant(TARGETS), tf.constant(TEACHER_SCORES), 0.5, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tau");
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
    return softmax(z, 1);
  }

  private static double[] softmax(float[] z, double tau) {
    double sum = 0;
    double[] e = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      e[j] = Math.exp(z[j] / tau);
      sum += e[j];
    }
    for (int j = 0; j < z.length; j++) {
      e[j] /= sum;
    }
    return e;
  }
}
