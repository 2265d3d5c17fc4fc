package io.expertize.distill;

import io.expertize.data.Batch;
import io.expertize.data.EpochBatches;
import io.expertize.nn.DistilledClassifier;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.ExampleUnit;
import io.expertize.train.ImageClassificationTask;
import io.expertize.train.Passes;
import io.expertize.train.Task;
import io.expertize.train.TrainSettings;
import java.util.Iterator;

/**
 * Image classification with hard-label distillation (DeiT): the image task's batches, each classified by
 * the teacher, train the student's class head on the targets and its distillation head on the teacher's
 * classes ({@link DistillationLoss}); evaluation is the image task's. The teacher is the caller's to close.
 */
public record DistillationTask(ImageClassificationTask images, Teacher teacher, double alpha)
    implements Task<DistillationBatch> {

  public DistillationTask {
    if (!(images.model() instanceof DistilledClassifier)) {
      throw new IllegalArgumentException(images.model().getClass().getSimpleName() + " has no distillation head");
    }
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
    }
  }

  @Override
  public ImageClassifier model() {
    return images.model();
  }

  @Override
  public DistillationGraph attach(Passes passes) {
    return new DistillationGraph(images.model(), passes, alpha);
  }

  @Override
  public EpochBatches<DistillationBatch> trainBatches(TrainSettings settings) {
    return new TeacherLabelledBatches(images.trainBatches(settings), teacher);
  }

  @Override
  public Iterable<DistillationBatch> evalBatches(TrainSettings settings) {
    Iterable<Batch> eval = images.evalBatches(settings);
    return () -> {
      Iterator<Batch> it = eval.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public DistillationBatch next() {
          return DistillationBatch.withoutTeacher(it.next());
        }
      };
    };
  }

  @Override
  public int examples(DistillationBatch batch) {
    return batch.batch().size();
  }

  @Override
  public ExampleUnit exampleUnit() {
    return images.exampleUnit();
  }
}
