package io.expertize.distill;

/** Row-wise argmax of class scores; the first of equal maxima, as TensorFlow's ArgMax. */
final class ArgMax {
  private ArgMax() {}

  /** Of scores {@link ScoreCheck checked} already: no NaN, a finite score in every row. */
  static void rows(float[] scores, int rows, int columns, long[] out) {
    for (int i = 0; i < rows; i++) {
      int base = i * columns;
      int best = 0;
      for (int j = 1; j < columns; j++) {
        if (scores[base + j] > scores[base + best]) {
          best = j;
        }
      }
      out[i] = best;
    }
  }
}
