package io.expertize.distill;

import java.util.List;
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
 * Image classification with distillation (DeiT): the image task's batches, each scored by the teacher,
 * train the student's class head on the targets and its distillation head on the teacher's classes or
 * distribution ({@link DistillationObjective}, {@link DistillationLoss}); evaluation is the image task's.
 * The teacher is the caller's to close.
 */
public record DistillationTask(ImageClassificationTask images, Teacher teacher, DistillationObjective objective)
    implements Task<DistillationBatch> {

  public DistillationTask {
    if (!(images.model() instanceof DistilledClassifier)) {
      throw new IllegalArgumentException(images.model().getClass().getSimpleName() + " has no distillation head");
    }
    if (objective.type() == DistillationType.SOFT && !teacher.info().scores().givesDistribution()) {
      throw new IllegalArgumentException(teacher.info().path() + ": its scores are '" + teacher.info().output()
          + "', neither logits nor probabilities: soft distillation needs the teacher's distribution");
    }
  }

  @Override
  public ImageClassifier model() {
    return images.model();
  }

  @Override
  public DistillationGraph attach(Passes passes) {
    return new DistillationGraph(images.model(), passes, objective);
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
  public List<String> classNames() {
    return images.classNames();
  }

  @Override
  public List<String> skippedImages() {
    return images.skippedImages();
  }

  @Override
  public ExampleUnit exampleUnit() {
    return images.exampleUnit();
  }
}
