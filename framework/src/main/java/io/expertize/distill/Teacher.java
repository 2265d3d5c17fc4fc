package io.expertize.distill;

/**
 * A trained classifier whose argmax on the student's training images is the distillation head's
 * target (DeiT's hard-label distillation). It runs in its own TensorFlow session, inference only, so
 * its classes for a batch depend on that batch alone and a resumed run is taught exactly as an
 * uninterrupted one. Used from one thread at a time (the batch pipeline's).
 */
public interface Teacher extends AutoCloseable {
  /**
   * The teacher's class for each of the first {@code count} images of {@code images}, the student's
   * batch as the student is fed it (normalised, augmented, NHWC), into {@code classes[0 .. count)}.
   *
   * @throws TeacherException if the teacher's answer is not a finite score per class
   */
  void classify(float[] images, int count, long[] classes);

  /** What the teacher is, for the run's record. */
  TeacherInfo info();

  @Override
  void close();
}
