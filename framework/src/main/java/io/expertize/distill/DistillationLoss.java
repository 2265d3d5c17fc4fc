package io.expertize.distill;

import io.expertize.nn.DistilledClassifier;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * DeiT's hard-label distillation loss ({@code losses.py}, {@code DistillationLoss}, type {@code hard}):
 * {@code (1 - alpha) * CE(class head, targets) + alpha * CE(distillation head, teacher's argmax)}. The
 * targets are the run's soft targets (label smoothing, Mixup, CutMix); the teacher's classes are plain
 * one-hot labels, unsmoothed. Both terms are means over the batch.
 *
 * @param total the training loss
 * @param classLoss the class head's cross-entropy against the targets
 * @param distillationLoss the distillation head's cross-entropy against the teacher's classes
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
    Operand<TFloat32> classLoss = tf.math.mean(
        tf.nn.softmaxCrossEntropyWithLogits(heads.classHead(), targets).loss(), tf.constant(0));
    Operand<TFloat32> teacherTargets = tf.oneHot(teacherClasses, tf.constant(numClasses), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> distillationLoss = tf.math.mean(
        tf.nn.softmaxCrossEntropyWithLogits(heads.distillationHead(), teacherTargets).loss(), tf.constant(0));
    Operand<TFloat32> total = tf.math.add(
        tf.math.mul(classLoss, tf.constant((float) (1 - alpha))), tf.math.mul(distillationLoss, tf.constant((float) alpha)));
    Operand<TFloat32> agreement = tf.math.mean(tf.dtypes.cast(
        tf.math.equal(tf.math.argMax(heads.distillationHead(), tf.constant(-1)), teacherClasses), TFloat32.class),
        tf.constant(0));
    return new DistillationLoss(total, classLoss, distillationLoss, agreement);
  }
}
