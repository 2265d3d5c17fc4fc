package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.graph.Param;
import io.expertize.testing.GradientChecker;
import io.expertize.testing.Reference;
import io.expertize.testing.Tf;
import io.expertize.testing.Tf.ParamValues;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PVT v1's spatial-reduction attention against a direct computation, its names and gradients. */
class SpatialReductionAttentionTest {
  private static final int B = 2;
  private static final int D = 8;
  private static final int HEADS = 2;
  private static final int GRID = 4;
  private static final double EPS = 1e-5;

  private static SpatialReductionAttention sra(int ratio) {
    return new SpatialReductionAttention(AttentionOptions.builder().dim(D).heads(HEADS).build(),
        SpatialReduction.builder().height(GRID).width(GRID).ratio(ratio).normEps(EPS).build());
  }

  @Test
  void pathsAreTheReferences() {
    assertThat(ModuleTree.of(sra(2)).params()).extracting(NamedParam::path).containsExactly(
        "q.weight", "q.bias", "kv.weight", "kv.bias", "proj.weight", "proj.bias",
        "sr.weight", "sr.bias", "norm.weight", "norm.bias");
    assertThat(ModuleTree.of(sra(1)).params()).extracting(NamedParam::path).containsExactly(
        "q.weight", "q.bias", "kv.weight", "kv.bias", "proj.weight", "proj.bias");
  }

  @Test
  void reducedKeysAndValuesMatchADirectComputation() {
    assertForwardMatches(sra(2), GRID * GRID);
  }

  @Test
  void ratioOneAttendsOverAllTokensIncludingAClassToken() {
    assertForwardMatches(sra(1), GRID * GRID + 1);
  }

  private static void assertForwardMatches(SpatialReductionAttention attn, int tokens) {
    ParamValues pv = ParamValues.random(attn, 1, 0.5);
    float[] x = Tf.normal(new Random(2), B * tokens * D, 1.0);
    Tf.Values y = Tf.eval(tf -> attn.forward(pv.inference(tf), Tf.constant(tf, x, B, tokens, D)));
    assertThat(y.shape()).containsExactly(B, tokens, D);
    assertThat(Tf.maxAbsDiff(y.data(), direct(attn, pv, x, tokens))).isLessThanOrEqualTo(1e-5);
  }

  private static double[] direct(SpatialReductionAttention attn, ParamValues pv, float[] x, int tokens) {
    ModuleTree tree = ModuleTree.of(attn);
    double[] out = new double[B * tokens * D];
    for (int b = 0; b < B; b++) {
      double[] rows = new double[tokens * D];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = x[b * tokens * D + i];
      }
      double[] q = Reference.linear(rows, tokens, D, value(pv, tree, "q.weight"), value(pv, tree, "q.bias"), D);
      double[] source = tokens == GRID * GRID ? reduce(rows, pv, tree) : rows;
      int kvTokens = source.length / D;
      double[] kv = Reference.linear(source, kvTokens, D, value(pv, tree, "kv.weight"), value(pv, tree, "kv.bias"), 2 * D);
      double[] heads = Reference.attention(q, Reference.columns(kv, kvTokens, 2 * D, 0, D),
          Reference.columns(kv, kvTokens, 2 * D, D, D), tokens, kvTokens, HEADS, D / HEADS, Reference.PairBias.NONE);
      double[] y = Reference.linear(heads, tokens, D, value(pv, tree, "proj.weight"), value(pv, tree, "proj.bias"), D);
      System.arraycopy(y, 0, out, b * tokens * D, y.length);
    }
    return out;
  }

  /** torch's Conv2d(D, D, k=s=2) over the row-major grid, then LayerNorm. */
  private static double[] reduce(double[] rows, ParamValues pv, ModuleTree tree) {
    int r = 2;
    int g = GRID / r;
    float[] w = value(pv, tree, "sr.weight");
    float[] bias = value(pv, tree, "sr.bias");
    double[] y = new double[g * g * D];
    for (int i = 0; i < g; i++) {
      for (int j = 0; j < g; j++) {
        for (int o = 0; o < D; o++) {
          double s = bias[o];
          for (int c = 0; c < D; c++) {
            for (int u = 0; u < r; u++) {
              for (int v = 0; v < r; v++) {
                s += w[((o * D + c) * r + u) * r + v] * rows[((i * r + u) * GRID + j * r + v) * D + c];
              }
            }
          }
          y[(i * g + j) * D + o] = s;
        }
      }
    }
    return Reference.layerNorm(y, D, value(pv, tree, "norm.weight"), value(pv, tree, "norm.bias"), EPS);
  }

  private static float[] value(ParamValues pv, ModuleTree tree, String path) {
    Param p = tree.params().stream().filter(np -> np.path().equals(path)).findFirst().orElseThrow().param();
    return pv.get(p);
  }

  @Test
  void rejectsAGridNotDivisibleByTheRatioAndAPrefixUnderReduction() {
    assertThatThrownBy(() -> SpatialReduction.builder().height(6).width(6).ratio(4).build())
        .hasMessageContaining("6x6 token grid must be a multiple of the spatial-reduction ratio 4");
    SpatialReductionAttention attn = sra(2);
    ParamValues pv = ParamValues.random(attn, 1, 0.5);
    assertThatThrownBy(() -> Tf.eval(tf -> attn.forward(pv.inference(tf), Tf.constant(tf, new float[17 * D], 1, 17, D))))
        .hasMessageContaining("a class token needs ratio 1");
  }

  @Test
  void gradientsWithSpatialReduction() {
    SpatialReductionAttention attn = sra(2);
    // the checker's default 1e-2: sr.bias reaches the output through the reduction's LayerNorm, which
    // amplifies float32 rounding; on an AMD EPYC's oneDNN kernels its finite difference was 0.64% off
    GradientChecker.of(attn).input(B, GRID * GRID, D).forward(attn::forward).check();
  }

  @Test
  void gradientsWithoutReductionAndAClassToken() {
    SpatialReductionAttention attn = sra(1);
    GradientChecker.of(attn).input(B, GRID * GRID + 1, D).forward(attn::forward).rtol(5e-3).check();
  }
}
