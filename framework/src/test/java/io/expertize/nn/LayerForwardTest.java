package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.testing.LayerHarness;
import java.util.List;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Each layer's output against an independent computation in plain Java (or TF's own op), max abs diff 1e-5. */
class LayerForwardTest {
  private static final double TOL = 1e-5;

  private static void assertClose(float[] actual, double[] expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).as("element %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(TOL));
    }
  }

  /** y[n][o] = sum_i x[n][i] W[o][i] + b[o]: the weight is stored [out, in]. */
  @Test
  void linearUsesTheOutInLayout() {
    Linear fc = new Linear(5, 3, true);
    try (LayerHarness h = new LayerHarness(fc, Shape.of(4, 5), false, fc::forward, 2)) {
      float[] x = h.values.get("input"), w = h.values.get("weight"), b = h.values.get("bias");
      double[] y = new double[4 * 3];
      for (int n = 0; n < 4; n++) {
        for (int o = 0; o < 3; o++) {
          double s = b[o];
          for (int i = 0; i < 5; i++) {
            s += x[n * 5 + i] * w[o * 5 + i];
          }
          y[n * 3 + o] = s;
        }
      }
      assertClose(h.forward(), y);
    }
  }

  @Test
  void layerNormAndRmsNorm() {
    LayerNorm ln = new LayerNorm(6, 1e-5);
    try (LayerHarness h = new LayerHarness(ln, Shape.of(4, 6), false, ln::forward, 3)) {
      float[] x = h.values.get("input"), g = h.values.get("weight"), b = h.values.get("bias");
      double[] y = new double[24];
      for (int r = 0; r < 4; r++) {
        double mean = 0, var = 0;
        for (int i = 0; i < 6; i++) mean += x[r * 6 + i] / 6.0;
        for (int i = 0; i < 6; i++) var += Math.pow(x[r * 6 + i] - mean, 2) / 6.0;
        for (int i = 0; i < 6; i++) y[r * 6 + i] = (x[r * 6 + i] - mean) / Math.sqrt(var + 1e-5) * g[i] + b[i];
      }
      assertClose(h.forward(), y);
    }
    RmsNorm rms = new RmsNorm(6, 1e-6);
    try (LayerHarness h = new LayerHarness(rms, Shape.of(4, 6), false, rms::forward, 4)) {
      float[] x = h.values.get("input"), g = h.values.get("weight");
      double[] y = new double[24];
      for (int r = 0; r < 4; r++) {
        double ms = 0;
        for (int i = 0; i < 6; i++) ms += x[r * 6 + i] * x[r * 6 + i] / 6.0;
        for (int i = 0; i < 6; i++) y[r * 6 + i] = x[r * 6 + i] / Math.sqrt(ms + 1e-6) * g[i];
      }
      assertClose(h.forward(), y);
    }
  }

  @Test
  void geluIsTheExactErfFormNotTheTanhApproximation() {
    float[] xs = {-3f, -1.5f, -0.5f, 0f, 0.7f, 1.5f, 3f};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> y = Activation.GELU.apply(tf, tf.constant(xs));
      try (Result r = s.runner().fetch(y).run()) {
        TFloat32 out = (TFloat32) r.get(0);
        for (int i = 0; i < xs.length; i++) {
          double x = xs[i];
          double exact = 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)));
          double tanhApprox = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
          assertThat((double) out.getFloat(i)).isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-6));
          if (x == -1.5) { // a point where the two forms differ by more than the tolerance
            assertThat(Math.abs(exact - tanhApprox)).isGreaterThan(1e-4);
          }
        }
      }
    }
  }

  /** Naive multi-head attention with timm's fused qkv layout: qkv columns are [3, heads, headDim]. */
  @Test
  void attentionMatchesANaiveImplementation() {
    int b = 2, t = 4, d = 6, heads = 2, hd = 3;
    Attention attn = new Attention(d, heads, true, 0.0, 0.0);
    try (LayerHarness h = new LayerHarness(attn, Shape.of(b, t, d), false, attn::forward, 5)) {
      float[] x = h.values.get("input");
      float[] wq = h.values.get("qkv.weight"), bq = h.values.get("qkv.bias");
      float[] wp = h.values.get("proj.weight"), bp = h.values.get("proj.bias");
      double[] expected = new double[b * t * d];
      for (int n = 0; n < b; n++) {
        double[][] qkv = new double[t][3 * d];
        for (int i = 0; i < t; i++)
          for (int o = 0; o < 3 * d; o++) {
            double s = bq[o];
            for (int k = 0; k < d; k++) s += x[(n * t + i) * d + k] * wq[o * d + k];
            qkv[i][o] = s;
          }
        double[][] merged = new double[t][d];
        for (int hh = 0; hh < heads; hh++) {
          for (int i = 0; i < t; i++) {
            double[] logits = new double[t];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < t; j++) {
              double s = 0;
              for (int c = 0; c < hd; c++) s += qkv[i][hh * hd + c] * qkv[j][d + hh * hd + c];
              logits[j] = s / Math.sqrt(hd);
              max = Math.max(max, logits[j]);
            }
            double z = 0;
            for (int j = 0; j < t; j++) z += (logits[j] = Math.exp(logits[j] - max));
            for (int c = 0; c < hd; c++) {
              double s = 0;
              for (int j = 0; j < t; j++) s += logits[j] / z * qkv[j][2 * d + hh * hd + c];
              merged[i][hh * hd + c] = s;
            }
          }
        }
        for (int i = 0; i < t; i++)
          for (int o = 0; o < d; o++) {
            double s = bp[o];
            for (int k = 0; k < d; k++) s += merged[i][k] * wp[o * d + k];
            expected[(n * t + i) * d + o] = s;
          }
      }
      assertClose(h.forward(), expected);
    }
  }

  /** The patchify + GEMM convolution equals TF's own Conv2D with the weight moved to HWIO. */
  @Test
  void patchConvEqualsTensorFlowsConv2d() {
    int in = 2, out = 3, k = 4;
    PatchConv conv = new PatchConv(in, out, k);
    try (LayerHarness h = new LayerHarness(conv, Shape.of(2, 8, 8, in), false, conv::forward, 6)) {
      float[] w = h.values.get("weight"), bias = h.values.get("bias");
      float[] hwio = new float[w.length];
      for (int o = 0; o < out; o++)
        for (int c = 0; c < in; c++)
          for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
              hwio[((i * k + j) * in + c) * out + o] = w[((o * in + c) * k + i) * k + j];
      double[] expected;
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        try (TFloat32 xt = LayerHarness.tensor(h.values.get("input"), Shape.of(2, 8, 8, in));
            TFloat32 wt = LayerHarness.tensor(hwio, Shape.of(k, k, in, out));
            TFloat32 bt = LayerHarness.tensor(bias, Shape.of(out))) {
          Operand<TFloat32> y = tf.nn.biasAdd(
              tf.nn.conv2d(tf.constant(xt), tf.constant(wt), List.of(1L, (long) k, (long) k, 1L), "VALID"),
              tf.constant(bt));
          try (Result r = s.runner().fetch(y).run()) {
            TFloat32 yt = (TFloat32) r.get(0);
            expected = new double[(int) yt.shape().size()];
            float[] tmp = new float[expected.length];
            yt.asRawTensor().data().asFloats().read(tmp);
            for (int i = 0; i < tmp.length; i++) expected[i] = tmp[i];
          }
        }
      }
      assertClose(h.forward(), expected);
    }
  }

  @Test
  void classTokenIsPrependedPerSampleAndPositionsAreAdded() {
    LayerGradientTest.TokenAndPosition m = new LayerGradientTest.TokenAndPosition();
    try (LayerHarness h = new LayerHarness(m, Shape.of(2, 3, 4), false, m::forward, 7)) {
      float[] x = h.values.get("input"), cls = h.values.get("cls_token"), pos = h.values.get("pos_embed");
      double[] y = new double[2 * 4 * 4];
      for (int n = 0; n < 2; n++)
        for (int t = 0; t < 4; t++)
          for (int c = 0; c < 4; c++)
            y[(n * 4 + t) * 4 + c] = (t == 0 ? cls[c] : x[(n * 3 + t - 1) * 4 + c]) + pos[t * 4 + c];
      assertClose(h.forward(), y);
    }
  }

  @Test
  void embeddingGathersRows() {
    Embedding e = new Embedding(5, 2);
    try (LayerHarness h = new LayerHarness(e, Shape.of(1), false,
        (ctx, x) -> e.forward(ctx, ctx.tf().constant(new int[] {4, 0, 4})), 8, false)) {
      float[] w = h.values.get("weight");
      assertClose(h.forward(), new double[] {w[8], w[9], w[0], w[1], w[8], w[9]});
    }
  }

  @Test
  void gatedFeedForwardMultipliesTheActivatedGateWithTheUpProjection() {
    GatedFeedForward f = new GatedFeedForward(2, 3, Activation.RELU, 0.0);
    try (LayerHarness h = new LayerHarness(f, Shape.of(1, 2), false, f::forward, 9)) {
      float[] x = h.values.get("input"), g = h.values.get("wi_0.weight"), u = h.values.get("wi_1.weight"),
          o = h.values.get("wo.weight");
      double[] hidden = new double[3];
      for (int j = 0; j < 3; j++) {
        double gate = x[0] * g[j * 2] + x[1] * g[j * 2 + 1];
        double up = x[0] * u[j * 2] + x[1] * u[j * 2 + 1];
        hidden[j] = Math.max(0, gate) * up;
      }
      double[] y = new double[2];
      for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) y[i] += hidden[j] * o[i * 3 + j];
      assertClose(h.forward(), y);
    }
  }
}
