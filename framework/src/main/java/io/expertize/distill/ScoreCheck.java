package io.expertize.distill;

/** What every teacher's scores must be before they teach: a number or {@code -inf} per class, one finite per image. */
final class ScoreCheck {
  private ScoreCheck() {}

  /**
   * @param source names the teacher in the error
   * @throws TeacherException if a score is NaN or {@code +inf}, or an image has no finite score: a broken
   *     teacher, not a class ({@code -inf} is a class the teacher excludes, e.g. the log of a probability 0)
   */
  static void rows(float[] scores, int rows, int columns, String source) {
    for (int i = 0; i < rows; i++) {
      int base = i * columns;
      boolean finite = false;
      for (int j = 0; j < columns; j++) {
        float v = scores[base + j];
        if (Float.isNaN(v) || v == Float.POSITIVE_INFINITY) {
          throw new TeacherException(source + ": the teacher's score of class " + j + " for image " + i
              + " of the batch is " + v);
        }
        finite |= v != Float.NEGATIVE_INFINITY;
      }
      if (!finite) {
        throw new TeacherException(source + ": the teacher's scores for image " + i + " of the batch are all -Infinity");
      }
    }
  }
}
