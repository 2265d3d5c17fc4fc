package io.expertize.distill;

import io.expertize.train.ImageClassificationTask;

/** A run's distillation: its open teacher and what the distillation head learns from it. */
public record Distillation(Teacher teacher, DistillationObjective objective) implements AutoCloseable {

  /** The image task, taught by the teacher. */
  public DistillationTask task(ImageClassificationTask images) {
    return new DistillationTask(images, teacher, objective);
  }

  @Override
  public void close() {
    teacher.close();
  }
}
