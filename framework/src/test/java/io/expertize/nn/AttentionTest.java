package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.testing.GradientChecker;
import io.expertize.testing.Reference;
import io.expertize.testing.Tf;
import io.expertize.testing.Tf.ParamValues;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttentionTest {
  private static final double RTOL = 5e-3;
  private static final int B = 2;
  private static final int T = 5;
  private static final int D = 8;
  private static final int H = 2;

  @Test
  void forwardMatchesNaiveMultiHeadAttentionWithTimmQkvLayout() {
    Attention attn = new Attention(D, H);
    ParamValues pv = ParamValues.random(attn, 1, 0.5);
    float[] x = Tf.normal(new Random(2), B * T * D, 1.0);
    Tf.Values y = Tf.eval(tf -> attn.forward(pv.inference(tf), Tf.constant(tf, x, B, T, D)));

    assertThat(y.shape()).containsExactly(B, T, D);
    assertThat(Tf.maxAbsDiff(y.data(), naive(attn, pv, x))).isLessThanOrEqualTo(1e-5);
  }

  /** timm: qkv(x).reshape(B, T, 3, H, hd): column c = s * D + h * hd + j for s in (q, k, v). */
  private static double[] naive(Attention attn, ParamValues pv, float[] x) {
    int hd = D / H;
    Linear qkvLin = attn.qkv;
    Linear projLin = attn.proj;
    double[] qkv =
        Reference.linear(Reference.toDouble(x), B * T, D, pv.get(qkvLin.weight()), pv.get(qkvLin.bias()), 3 * D);
    double scale = 1 / Math.sqrt(hd);
    double[] merged = new double[B * T * D];
    for (int b = 0; b < B; b++) {
      for (int h = 0; h < H; h++) {
        for (int t = 0; t < T; t++) {
          double[] logits = new double[T];
          double max = Double.NEGATIVE_INFINITY;
          for (int s = 0; s < T; s++) {
            double dot = 0;
            for (int j = 0; j < hd; j++) {
              dot += qkv[(b * T + t) * 3 * D + h * hd + j] * qkv[(b * T + s) * 3 * D + D + h * hd + j];
            }
            logits[s] = dot * scale;
            max = Math.max(max, logits[s]);
          }
          double sum = 0;
          for (int s = 0; s < T; s++) {
            logits[s] = Math.exp(logits[s] - max);
            sum += logits[s];
          }
          for (int j = 0; j < hd; j++) {
            double o = 0;
            for (int s = 0; s < T; s++) {
              o += logits[s] / sum * qkv[(b * T + s) * 3 * D + 2 * D + h * hd + j];
            }
            merged[(b * T + t) * D + h * hd + j] = o;
          }
        }
      }
    }
    return Reference.linear(merged, B * T, D, pv.get(projLin.weight()), pv.get(projLin.bias()), D);
  }

  @Test
  void pathsAreTimm() {
    Attention withDropout = new Attention(AttentionOptions.builder().dim(D).heads(H).attnDrop(0.1).projDrop(0.1).build());
    assertThat(ModuleTree.of(withDropout).params())
        .extracting(NamedParam::path)
        .containsExactly("qkv.weight", "qkv.bias", "proj.weight", "proj.bias");
    assertThat(ModuleTree.of(new Attention(AttentionOptions.builder().dim(D).heads(H).qkvBias(false).build())).params())
        .extracting(NamedParam::path)
        .containsExactly("qkv.weight", "proj.weight", "proj.bias");
  }

  @Test
  void rejectsWidthNotDivisibleByHeads() {
    assertThatThrownBy(() -> new Attention(10, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width 10")
        .hasMessageContaining("head count 3");
  }

  @Test
  void gradients() {
    Attention attn = new Attention(D, H);
    GradientChecker.of(attn).input(B, T, D).forward(attn::forward).rtol(RTOL).check();
  }

  @Test
  void gradientsWithAttentionAndProjectionDropoutInTraining() {
    Attention attn = new Attention(AttentionOptions.builder().dim(D).heads(H).attnDrop(0.2).projDrop(0.2).build());
    GradientChecker.of(attn).input(B, T, D).forward(attn::forward).training(5, 9).rtol(RTOL).check();
  }
}
