package io.expertize.distill;

import io.expertize.nn.DistilledClassifier;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * DeiT's distillation losses ({@code losses.py}, {@code DistillationLoss}), as
 * {@code (1 - alpha) * CE(class head, targets) + alpha * distillation term}. The targets are the run's
 * soft targets (label smoothing, Mixup, CutMix); the class term is a mean over the batch. The
 * distillation term is the distillation head's
 * <ul>
 *   <li>{@link #hard}: cross-entropy against the teacher's argmax, plain one-hot labels, unsmoothed, a
 *       mean over the batch ({@code distillation_type='hard'});
 *   <li>{@link #soft}: KL divergence from the teacher's distribution at temperature {@code tau},
 *       {@code KL(softmax(teacher / tau) || softmax(head / tau)) * tau^2 / (B * K)}, summed over batch and
 *       classes and divided by their product as {@code F.kl_div(log_softmax(head / T),
 *       log_softmax(teacher / T), reduction='sum', log_target=True) * T * T / head.numel()} does
 *       ({@code distillation_type='soft'}): per image it is the usual KD term divided by K.
 * </ul>
 *
 * @param total the training loss
 * @param classLoss the class head's cross-entropy against the targets
 * @param distillationLoss the distillation head's term
 * @param agreement the fraction of the batch where the distillation head's argmax is the teacher's class
 */
public record DistillationLoss(
    Operand<TFloat32> total, Operand<TFloat32> classLoss, Operand<TFloat32> distillationLoss,
    Operand<TFloat32> agreement) {

  /**
   * @param targets {@code [B, K]} soft targets, rows summing to 1
   * @param teacherClasses {@code [B]} in {@code [0, K)}
   */
  public static DistillationLoss hard(Ops tf, DistilledClassifier.HeadLogits heads, Operand<TFloat32> targets,
      Operand<TInt64> teacherClasses, int numClasses, double alpha) {
    Operand<TFloat32> classLoss = classLoss(tf, heads, targets);
    Operand<TFloat32> teacherTargets = tf.oneHot(teacherClasses, tf.constant(numClasses), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> distillationLoss = tf.math.mean(
        tf.nn.softmaxCrossEntropyWithLogits(heads.distillationHead(), teacherTargets).loss(), tf.constant(0));
    return of(tf, heads, classLoss, distillationLoss, teacherClasses, alpha);
  }

  /**
   * @param targets {@code [B, K]} soft targets, rows summing to 1
   * @param teacherScores {@code [B, K]} the teacher's logits (or log-probabilities: the same up to a
   *     per-row constant, which the softmax ignores); {@code -inf} for a class of probability 0, which
   *     adds nothing ({@code 0 log 0 = 0}); no gradient flows into them
   * @param tau the temperature, {@code > 0}
   */
  public static DistillationLoss soft(Ops tf, DistilledClassifier.HeadLogits heads, Operand<TFloat32> targets,
      Operand<TFloat32> teacherScores, double alpha, double tau) {
    if (!(tau > 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("tau must be a positive temperature, got " + tau);
    }
    Operand<TFloat32> classLoss = classLoss(tf, heads, targets);
    Operand<TFloat32> t = tf.constant((float) tau);
    Operand<TFloat32> teacher = tf.stopGradient(teacherScores);
    Operand<TFloat32> student = tf.nn.logSoftmax(tf.math.div(heads.distillationHead(), t));
    Operand<TFloat32> teacherLog = tf.nn.logSoftmax(tf.math.div(teacher, t));
    Operand<TFloat32> teacherProbabilities = tf.math.exp(teacherLog);
    // log_target KL: exp(lt) * (lt - ls); where lt = -inf, exp(lt) = 0 and the term is 0, not 0 * -inf = NaN
    Operand<TFloat32> finiteLog = tf.select(tf.math.isFinite(teacherLog), teacherLog, tf.zerosLike(teacherLog));
    Operand<TFloat32> klSum = tf.reduceSum(tf.math.mul(teacherProbabilities, tf.math.sub(finiteLog, student)),
        tf.constant(new int[] {0, 1}));
    Operand<TFloat32> numel = tf.dtypes.cast(tf.size(teacher), TFloat32.class);
    Operand<TFloat32> distillationLoss = tf.math.div(tf.math.mul(klSum, tf.constant((float) (tau * tau))), numel);
    return of(tf, heads, classLoss, distillationLoss, tf.math.argMax(teacher, tf.constant(-1)), alpha);
  }

  private static Operand<TFloat32> classLoss(Ops tf, DistilledClassifier.HeadLogits heads, Operand<TFloat32> targets) {
    return tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(heads.classHead(), targets).loss(), tf.constant(0));
  }

  private static DistillationLoss of(Ops tf, DistilledClassifier.HeadLogits heads, Operand<TFloat32> classLoss,
      Operand<TFloat32> distillationLoss, Operand<TInt64> teacherClasses, double alpha) {
    Operand<TFloat32> total = tf.math.add(
        tf.math.mul(classLoss, tf.constant((float) (1 - alpha))), tf.math.mul(distillationLoss, tf.constant((float) alpha)));
    Operand<TFloat32> agreement = tf.math.mean(tf.dtypes.cast(
        tf.math.equal(tf.math.argMax(heads.distillationHead(), tf.constant(-1)), teacherClasses), TFloat32.class),
        tf.constant(0));
    return new DistillationLoss(total, classLoss, distillationLoss, agreement);
  }
}
