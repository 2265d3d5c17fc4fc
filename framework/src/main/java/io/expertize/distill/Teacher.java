package io.expertize.distill;

/**
 * A trained classifier whose class scores on the student's training images teach its distillation
 * head: their argmax (DeiT's hard distillation) or their softmax at a temperature (soft). It runs in its
 * own TensorFlow session, inference only, so its scores for a batch depend on that batch alone and a
 * resumed run is taught exactly as an uninterrupted one. Used from one thread at a time (the batch
 * pipeline's).
 */
public interface Teacher extends AutoCloseable {
  /**
   * The teacher's class scores for each of the first {@code count} images of {@code images}, the
   * student's batch as the student is fed it (normalised, augmented, NHWC), into
   * {@code scores[0 .. count * K)}, one row of {@code K = info().numClasses()} per image. What they are
   * is {@code info().scores()}: logits, or log-probabilities (logits up to a per-row constant), or for a
   * SavedModel output of unknown meaning, scores of which only the argmax counts.
   *
   * @throws TeacherException if a score is NaN or {@code +inf}, or an image has no finite score
   *     ({@code -inf} is allowed: a class of probability 0)
   */
  void scores(float[] images, int count, float[] scores);

  /**
   * The teacher's class for each of the first {@code count} images, into {@code classes[0 .. count)}: the
   * argmax of its {@link #scores} (the first of equal maxima).
   */
  default void classify(float[] images, int count, long[] classes) {
    int k = info().numClasses();
    float[] s = new float[count * k];
    scores(images, count, s);
    ArgMax.rows(s, count, k, classes);
  }

  /** What the teacher is, for the run's record. */
  TeacherInfo info();

  @Override
  void close();
}
