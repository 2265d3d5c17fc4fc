package io.expertize.distill;

import io.expertize.data.Batch;
import io.expertize.data.EpochBatches;

/**
 * The student's training stream with the teacher's answer added: batch {@code s} is the image task's
 * batch {@code s} (augmented, mixed), and the teacher scores exactly those images, once; hard
 * distillation reduces the scores to their argmax. A pure function of {@code s} like the stream it
 * wraps, since the teacher is deterministic; runs on the batch pipeline's thread, so the teacher works
 * while the student trains on the batch before.
 */
final class TeacherLabelledBatches implements EpochBatches<DistillationBatch> {
  private final EpochBatches<Batch> images;
  private final Teacher teacher;
  private final int numClasses;

  TeacherLabelledBatches(EpochBatches<Batch> images, Teacher teacher) {
    this.images = images;
    this.teacher = teacher;
    this.numClasses = teacher.info().numClasses();
  }

  @Override
  public int batchesPerEpoch() {
    return images.batchesPerEpoch();
  }

  @Override
  public DistillationBatch batchAt(long step, DistillationBatch reuse) {
    Batch batch = images.batchAt(step, reuse != null ? reuse.batch() : null);
    int n = batch.size();
    float[] scores = reuse != null && reuse.teacherScores() != null && reuse.teacherScores().length == n * numClasses
        ? reuse.teacherScores() : new float[n * numClasses];
    long[] classes = reuse != null && reuse.teacherClasses() != null && reuse.teacherClasses().length == n
        ? reuse.teacherClasses() : new long[n];
    teacher.scores(batch.images(), n, scores);
    ArgMax.rows(scores, n, numClasses, classes);
    return new DistillationBatch(batch, classes, scores);
  }
}
