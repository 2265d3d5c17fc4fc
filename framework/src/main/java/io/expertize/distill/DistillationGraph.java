package io.expertize.distill;

import io.expertize.nn.DistilledClassifier;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.EvalCounts;
import io.expertize.train.Feeds;
import io.expertize.train.ImageClassificationGraph;
import io.expertize.train.Passes;
import io.expertize.train.TaskGraph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A distilled classifier's part of a training graph: the image classification inputs and evaluation
 * (the averaged heads against the labels, as DeiT evaluates), plus the teacher's answer, and the training
 * pass's {@link DistillationLoss} from both heads. Hard distillation takes the teacher's classes,
 * {@code teacher_classes} (int64 {@code [B]}); soft takes its scores, {@code teacher_scores} (float32
 * {@code [B, K]}). The two loss terms and the teacher agreement are the pass's diagnostics
 * ({@code distillation/class_loss}, {@code distillation/distillation_loss},
 * {@code distillation/teacher_agreement}), logged on log steps.
 */
public final class DistillationGraph implements TaskGraph<DistillationBatch> {
  public static final String DIAGNOSTICS = "distillation";

  public final ImageClassificationGraph classification;
  /** Hard distillation's input; null for soft. */
  public final Placeholder<TInt64> teacherClasses;
  /** Soft distillation's input; null for hard. */
  public final Placeholder<TFloat32> teacherScores;
  private final int numClasses;
  private DistillationLoss parts;

  public DistillationGraph(ImageClassifier model, Passes passes, DistillationObjective objective) {
    if (!(model instanceof DistilledClassifier distilled)) {
      throw new IllegalArgumentException(model.getClass().getSimpleName() + " has no distillation head");
    }
    numClasses = model.numClasses();
    boolean soft = objective.type() == DistillationType.SOFT;
    teacherClasses = soft ? null
        : passes.tf().withName("teacher_classes").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    teacherScores = soft
        ? passes.tf().withName("teacher_scores").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, numClasses)))
        : null;
    classification = new ImageClassificationGraph(model, passes, (training, images, targets) -> {
      DistilledClassifier.HeadLogits heads = distilled.headLogits(training, images);
      parts = soft
          ? DistillationLoss.soft(training.tf(), heads, targets, teacherScores, objective.alpha(), objective.tau())
          : DistillationLoss.hard(training.tf(), heads, targets, teacherClasses, numClasses, objective.alpha());
      training.diagnostic(DIAGNOSTICS + "/class_loss", parts.classLoss());
      training.diagnostic(DIAGNOSTICS + "/distillation_loss", parts.distillationLoss());
      training.diagnostic(DIAGNOSTICS + "/teacher_agreement", parts.agreement());
      return parts.total();
    });
  }

  /** The loss and its parts. */
  public DistillationLoss parts() {
    return parts;
  }

  @Override
  public Operand<TFloat32> loss() {
    return classification.loss();
  }

  /** The images and targets; the teacher's classes (hard) or scores (soft) too when the batch has them (training). */
  @Override
  public Feeds feeds(DistillationBatch b) {
    Feeds feeds = classification.feeds(b.batch());
    if (b.taught()) {
      int n = b.batch().size();
      if (teacherClasses != null) {
        feeds.add(teacherClasses, TInt64.tensorOf(Shape.of(n), DataBuffers.of(b.teacherClasses(), true, false).narrow(n)));
      } else {
        feeds.add(teacherScores, TFloat32.tensorOf(Shape.of(n, numClasses),
            DataBuffers.of(b.teacherScores(), true, false).narrow((long) n * numClasses)));
      }
    }
    return feeds;
  }

  @Override
  public EvalCounts evaluate(Session session, DistillationBatch b) {
    return classification.evaluate(session, b.batch());
  }

  @Override
  public String evalUnit() {
    return classification.evalUnit();
  }
}
