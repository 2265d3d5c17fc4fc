package io.expertize.distill;

import io.expertize.data.Batch;

/**
 * A batch of the student's images with the teacher's class for each (training), or without
 * ({@code teacherClasses} null: evaluation, which scores the averaged heads against the labels).
 */
public record DistillationBatch(Batch batch, long[] teacherClasses) {}
