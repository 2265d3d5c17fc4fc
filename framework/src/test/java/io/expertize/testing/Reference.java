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

  /** Additive logit bias of one (head, query, key) triple; negative infinity excludes the key. */
  @FunctionalInterface
  public interface PairBias {
    double at(int head, int query, int key);

    PairBias NONE = (h, i, j) -> 0;
  }

  /**
   * {@code softmax(q k^T / sqrt(hd) + bias) v} per head: q {@code [Tq, H*hd]}, k and v
   * {@code [Tk, H*hd]}, head h in columns {@code h*hd .. (h+1)*hd}. Returns {@code [Tq, H*hd]}.
   */
  public static double[] attention(double[] q, double[] k, double[] v, int tq, int tk, int heads, int hd, PairBias bias) {
    int width = heads * hd;
    double[] out = new double[tq * width];
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < tq; i++) {
        double[] w = new double[tk];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < tk; j++) {
          double dot = 0;
          for (int d = 0; d < hd; d++) {
            dot += q[i * width + h * hd + d] * k[j * width + h * hd + d];
          }
          w[j] = dot / Math.sqrt(hd) + bias.at(h, i, j);
          max = Math.max(max, w[j]);
        }
        double sum = 0;
        for (int j = 0; j < tk; j++) {
          w[j] = Math.exp(w[j] - max);
          sum += w[j];
        }
        for (int j = 0; j < tk; j++) {
          for (int d = 0; d < hd; d++) {
            out[i * width + h * hd + d] += w[j] / sum * v[j * width + h * hd + d];
          }
        }
      }
    }
    return out;
  }

  /** Columns {@code from .. from + count} of a row-major {@code [rows, width]} array. */
  public static double[] columns(double[] x, int rows, int width, int from, int count) {
    double[] out = new double[rows * count];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(x, r * width + from, out, r * count, count);
    }
    return out;
  }

  public static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
