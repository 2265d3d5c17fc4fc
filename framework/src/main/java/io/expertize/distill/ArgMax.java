package io.expertize.distill;

/** Row-wise argmax of class scores; the first of equal maxima, as TensorFlow's ArgMax. */
final class ArgMax {
  private ArgMax() {}

  /**
   * @param source names the teacher in the error
   * @throws TeacherException if a score is NaN or infinite: a broken teacher, not a class
   */
  static void rows(float[] scores, int rows, int columns, long[] out, String source) {
    for (int i = 0; i < rows; i++) {
      int base = i * columns;
      int best = 0;
      for (int j = 0; j < columns; j++) {
        float v = scores[base + j];
        if (!Float.isFinite(v)) {
          throw new TeacherException(source + ": the teacher's score of class " + j + " for image " + i
              + " of the batch is " + v);
        }
        if (v > scores[base + best]) {
          best = j;
        }
      }
      out[i] = best;
    }
  }
}
