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
 * (the averaged heads against the labels, as DeiT evaluates), plus {@code teacher_classes} (int64
 * {@code [B]}), and the training pass's {@link DistillationLoss} from both heads. The two loss terms and
 * the teacher agreement are the pass's diagnostics ({@code distillation/class_loss},
 * {@code distillation/distillation_loss}, {@code distillation/teacher_agreement}), logged on log steps.
 */
public final class DistillationGraph implements TaskGraph<DistillationBatch> {
  public static final String DIAGNOSTICS = "distillation";

  public final ImageClassificationGraph classification;
  public final Placeholder<TInt64> teacherClasses;
  private DistillationLoss parts;

  public DistillationGraph(ImageClassifier model, Passes passes, double alpha) {
    if (!(model instanceof DistilledClassifier distilled)) {
      throw new IllegalArgumentException(model.getClass().getSimpleName() + " has no distillation head");
    }
    teacherClasses = passes.tf().withName("teacher_classes").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    classification = new ImageClassificationGraph(model, passes, (training, images, targets) -> {
      parts = DistillationLoss.hard(training.tf(), distilled.headLogits(training, images), targets, teacherClasses,
          model.numClasses(), alpha);
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

  /** The images and targets; the teacher's classes too when the batch has them (training). */
  @Override
  public Feeds feeds(DistillationBatch b) {
    Feeds feeds = classification.feeds(b.batch());
    if (b.taught()) {
      int n = b.batch().size();
      feeds.add(teacherClasses, TInt64.tensorOf(Shape.of(n), DataBuffers.of(b.teacherClasses(), true, false).narrow(n)));
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
