package io.expertize.distill;

import io.expertize.train.ImageClassificationTask;

/** A run's hard-label distillation: its open teacher and the weight of the distillation head's loss. */
public record Distillation(Teacher teacher, double alpha) implements AutoCloseable {

  /** The image task, taught by the teacher. */
  public DistillationTask task(ImageClassificationTask images) {
    return new DistillationTask(images, teacher, alpha);
  }

  @Override
  public void close() {
    teacher.close();
  }
}
