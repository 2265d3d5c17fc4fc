package io.expertize.distill;

import io.expertize.data.Batch;
import io.expertize.data.EpochBatches;

/**
 * The student's training stream with the teacher's classes added: batch {@code s} is the image task's
 * batch {@code s} (augmented, mixed), and the teacher classifies exactly those images. A pure function of
 * {@code s} like the stream it wraps, since the teacher is deterministic; runs on the batch pipeline's
 * thread, so the teacher works while the student trains on the batch before.
 */
final class TeacherLabelledBatches implements EpochBatches<DistillationBatch> {
  private final EpochBatches<Batch> images;
  private final Teacher teacher;

  TeacherLabelledBatches(EpochBatches<Batch> images, Teacher teacher) {
    this.images = images;
    this.teacher = teacher;
  }

  @Override
  public int batchesPerEpoch() {
    return images.batchesPerEpoch();
  }

  @Override
  public DistillationBatch batchAt(long step, DistillationBatch reuse) {
    Batch batch = images.batchAt(step, reuse != null ? reuse.batch() : null);
    long[] classes = reuse != null && reuse.teacherClasses() != null && reuse.teacherClasses().length == batch.size()
        ? reuse.teacherClasses() : new long[batch.size()];
    teacher.classify(batch.images(), batch.size(), classes);
    return new DistillationBatch(batch, classes);
  }
}
