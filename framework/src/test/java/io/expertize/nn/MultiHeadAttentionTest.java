package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.Initializer;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.testing.GradientChecker;
import io.expertize.testing.Reference;
import io.expertize.testing.Tf;
import io.expertize.testing.Tf.ParamValues;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Separate q/k/v/o attention: self and cross, a head width apart from dim / heads, an additive bias. */
class MultiHeadAttentionTest {
  private static final int B = 2;
  private static final int TQ = 3;
  private static final int TK = 4;
  private static final int D = 6;
  private static final int DM = 5;
  private static final int H = 2;
  private static final int HD = 4; // inner width 8 != D: T5's d_kv
  private static final Initializer INIT = Initializer.truncatedNormal(0.3);

  private static MultiHeadAttention attention(int memoryWidth) {
    return new MultiHeadAttention(MultiHeadAttentionOptions.builder().heads(H)
        .q(new Linear(D, H * HD, false, INIT)).k(new Linear(memoryWidth, H * HD, false, INIT))
        .v(new Linear(memoryWidth, H * HD, false, INIT)).o(new Linear(H * HD, D, false, INIT)).scale(1.0).build());
  }

  @Test
  void crossAttentionWithBiasMatchesNaiveAttention() {
    MultiHeadAttention attn = attention(DM);
    ParamValues pv = ParamValues.random(attn, 1, 0.5);
    float[] x = Tf.normal(new Random(2), B * TQ * D, 1.0);
    float[] memory = Tf.normal(new Random(3), B * TK * DM, 1.0);
    float[] bias = Tf.normal(new Random(4), H * TQ * TK, 1.0);
    Tf.Values y = Tf.eval(tf -> attn.forward(pv.inference(tf), Tf.constant(tf, x, B, TQ, D),
        Tf.constant(tf, memory, B, TK, DM), Tf.constant(tf, bias, 1, H, TQ, TK)));

    assertThat(y.shape()).containsExactly(B, TQ, D);
    assertThat(Tf.maxAbsDiff(y.data(), naive(attn, pv, x, memory, bias))).isLessThanOrEqualTo(1e-5);
  }

  /** softmax(q k^T + bias) v per head (scale 1), heads laid side by side before o. */
  private static double[] naive(MultiHeadAttention attn, ParamValues pv, float[] x, float[] memory, float[] bias) {
    var params = ModuleTree.of(attn).params();
    int inner = H * HD;
    double[] q = Reference.linear(Reference.toDouble(x), B * TQ, D, pv.get(params.get(0).param()), null, inner);
    double[] k = Reference.linear(Reference.toDouble(memory), B * TK, DM, pv.get(params.get(1).param()), null, inner);
    double[] v = Reference.linear(Reference.toDouble(memory), B * TK, DM, pv.get(params.get(2).param()), null, inner);
    double[] merged = new double[B * TQ * inner];
    for (int b = 0; b < B; b++) {
      for (int h = 0; h < H; h++) {
        for (int t = 0; t < TQ; t++) {
          double[] w = new double[TK];
          double sum = 0;
          for (int s = 0; s < TK; s++) {
            double dot = bias[(h * TQ + t) * TK + s];
            for (int j = 0; j < HD; j++) {
              dot += q[(b * TQ + t) * inner + h * HD + j] * k[(b * TK + s) * inner + h * HD + j];
            }
            w[s] = Math.exp(dot);
            sum += w[s];
          }
          for (int j = 0; j < HD; j++) {
            double o = 0;
            for (int s = 0; s < TK; s++) {
              o += w[s] / sum * v[(b * TK + s) * inner + h * HD + j];
            }
            merged[(b * TQ + t) * inner + h * HD + j] = o;
          }
        }
      }
    }
    return Reference.linear(merged, B * TQ, inner, pv.get(params.get(3).param()), null, D);
  }

  @Test
  void pathsAreQKVO() {
    assertThat(ModuleTree.of(attention(D)).params()).extracting(NamedParam::path)
        .containsExactly("q.weight", "k.weight", "v.weight", "o.weight");
  }

  @Test
  void mismatchedProjectionsAreRejected() {
    assertThatThrownBy(() -> parts(3, 8).build()).hasMessageContaining("multiple of the head count 3");
    assertThatThrownBy(() -> parts(H, 8).k(new Linear(D, 6, false)).build()).hasMessageContaining("k 6");
  }

  @Test
  void scaleDefaultsToOneOverTheSquareRootOfTheHeadWidth() {
    assertThat(parts(H, 8).build().scale()).isEqualTo(1.0 / Math.sqrt(8.0 / H));
  }

  private static MultiHeadAttentionOptions.Builder parts(int heads, int inner) {
    return MultiHeadAttentionOptions.builder().heads(heads).q(new Linear(D, inner, false)).k(new Linear(D, inner, false))
        .v(new Linear(D, inner, false)).o(new Linear(inner, D, false));
  }

  @Test
  void selfAttentionGradients() {
    MultiHeadAttention attn = attention(D);
    GradientChecker.of(attn).input(B, TQ, D).forward((ctx, x) -> attn.forward(ctx, x, x, null)).rtol(5e-3).check();
  }

  @Test
  void crossAttentionGradients() {
    MultiHeadAttention attn = attention(DM);
    float[] memory = Tf.normal(new Random(3), B * TK * DM, 1.0);
    GradientChecker.of(attn).input(B, TQ, D)
        .forward((ctx, x) -> attn.forward(ctx, x, Tf.constant(ctx.tf(), memory, B, TK, DM), null)).rtol(5e-3).check();
  }
}
