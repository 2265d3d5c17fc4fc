package io.expertize.testing;

import org.apache.commons.math3.special.Erf;

/**
 * Plain-Java double-precision versions of the layers, written from their definitions (torch/timm
 * semantics) and independent of the TF code under test. Tensors are flat row-major arrays.
 */
public final class Reference {
  private Reference() {}

  /** {@code y[r, o] = sum_i x[r, i] w[o, i] + b[o]}: weight {@code [out, in]}, bias may be null. */
  public static double[] linear(double[] x, int rows, int in, float[] w, float[] b, int out) {
    double[] y = new double[rows * out];
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < out; o++) {
        double s = b == null ? 0 : b[o];
        for (int i = 0; i < in; i++) {
          s += x[r * in + i] * (double) w[o * in + i];
        }
        y[r * out + o] = s;
      }
    }
    return y;
  }

  /** Exact GELU {@code x Phi(x)} with commons-math's erf. */
  public static double gelu(double x) {
    return 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)));
  }

  /** The tanh approximation, only to show a test point separates the two. */
  public static double geluTanh(double x) {
    return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
  }

  /** Biased variance, eps inside the square root, as torch.nn.LayerNorm. */
  public static double[] layerNorm(double[] x, int dim, float[] gain, float[] bias, double eps) {
    double[] y = new double[x.length];
    for (int r = 0; r < x.length / dim; r++) {
      double mean = 0;
      for (int i = 0; i < dim; i++) {
        mean += x[r * dim + i];
      }
      mean /= dim;
      double var = 0;
      for (int i = 0; i < dim; i++) {
        double c = x[r * dim + i] - mean;
        var += c * c;
      }
      var /= dim;
      for (int i = 0; i < dim; i++) {
        y[r * dim + i] = (x[r * dim + i] - mean) / Math.sqrt(var + eps) * gain[i] + bias[i];
      }
    }
    return y;
  }

  /** T5's norm: {@code x / sqrt(mean(x^2) + eps) * gain}. */
  public static double[] rmsNorm(double[] x, int dim, float[] gain, double eps) {
    double[] y = new double[x.length];
    for (int r = 0; r < x.length / dim; r++) {
      double ms = 0;
      for (int i = 0; i < dim; i++) {
        ms += x[r * dim + i] * x[r * dim + i];
      }
      ms /= dim;
      for (int i = 0; i < dim; i++) {
        y[r * dim + i] = x[r * dim + i] / Math.sqrt(ms + eps) * gain[i];
      }
    }
    return y;
  }

  public static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
