package io.expertize.export;

import org.tensorflow.types.TFloat32;

/** Small conversions and comparisons of {@code [rows, cols]} float results (logits of a batch). */
public final class Matrices {
  private Matrices() {}

  public static float[][] of(TFloat32 t) {
    int rows = (int) t.shape().get(0);
    int cols = (int) t.shape().get(1);
    float[][] out = new float[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i][j] = t.getFloat(i, j);
      }
    }
    return out;
  }

  public static double maxAbsDifference(float[][] a, float[][] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        max = Math.max(max, Math.abs((double) a[i][j] - b[i][j]));
      }
    }
    return max;
  }

  public static double maxAbs(float[][] m) {
    double max = 0;
    for (float[] row : m) {
      for (float v : row) {
        max = Math.max(max, Math.abs(v));
      }
    }
    return max;
  }

  /** The index of a row's largest value, the first on ties. */
  public static int argMax(float[] row) {
    int best = 0;
    for (int j = 1; j < row.length; j++) {
      best = row[j] > row[best] ? j : best;
    }
    return best;
  }
}
