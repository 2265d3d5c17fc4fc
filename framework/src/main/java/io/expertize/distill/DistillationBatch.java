package io.expertize.distill;

import io.expertize.data.Batch;

/**
 * A batch of the student's images with the teacher's answer for each (training): its class scores
 * ({@code [B, K]} row by row, {@link Teacher#scores}) and their argmax; or without
 * ({@code teacherClasses} and {@code teacherScores} null: evaluation, which scores the averaged heads
 * against the labels).
 */
public record DistillationBatch(Batch batch, long[] teacherClasses, float[] teacherScores) {
  /** An evaluation batch: the images and labels, no teacher. */
  public static DistillationBatch withoutTeacher(Batch batch) {
    return new DistillationBatch(batch, null, null);
  }

  /** Whether the teacher answered (a training batch). */
  public boolean taught() {
    return teacherClasses != null;
  }
}
