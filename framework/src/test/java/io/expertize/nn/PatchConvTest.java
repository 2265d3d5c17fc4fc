package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.graph.Param;
import io.expertize.testing.GradientChecker;
import io.expertize.testing.Tf;
import io.expertize.testing.Tf.ParamValues;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** PatchConv (patchify + GEMM) against TF's own Conv2D, and PatchEmbed's token order. */
class PatchConvTest {
  private static final double RTOL = 5e-3;
  private static final int B = 2;
  private static final int IMG = 8;
  private static final int K = 4;
  private static final int C = 2;
  private static final int OUT = 3;

  /** Conv2D with the torch weight [out, in, k, k] transposed to HWIO, stride k, VALID, plus bias. */
  private static Operand<TFloat32> conv2d(Ops tf, Operand<TFloat32> x, ParamValues pv, Param weight, Param bias) {
    Operand<TFloat32> hwio =
        tf.linalg.transpose(Tf.constant(tf, pv.get(weight), OUT, C, K, K), tf.constant(new int[] {2, 3, 1, 0}));
    Operand<TFloat32> y = tf.nn.conv2d(x, hwio, List.of(1L, (long) K, (long) K, 1L), "VALID");
    return tf.nn.biasAdd(y, Tf.constant(tf, pv.get(bias), OUT));
  }

  @Test
  void forwardEqualsConv2d() {
    PatchConv conv = new PatchConv(C, OUT, K);
    ParamValues pv = ParamValues.random(conv, 1, 0.5);
    float[] x = Tf.normal(new Random(2), B * IMG * IMG * C, 1.0);
    List<Tf.Values> out =
        Tf.evalAll(tf -> {
          Operand<TFloat32> in = Tf.constant(tf, x, B, IMG, IMG, C);
          return List.of(
              conv.forward(pv.inference(tf), in),
              conv2d(tf, in, pv, conv.ownParams().get(0), conv.ownParams().get(1)));
        });
    assertThat(out.get(0).shape()).containsExactly(B, IMG / K, IMG / K, OUT);
    assertThat(out.get(0).shape()).containsExactly(out.get(1).shape());
    assertThat(Tf.maxAbsDiff(out.get(0).data(), toDouble(out.get(1).data()))).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void patchEmbedFlattensTheGridRowMajor() {
    // timm: proj(x).flatten(2).transpose(1, 2): token n = row * gridWidth + col.
    PatchEmbed embed = new PatchEmbed(IMG, K, C, OUT);
    assertThat(embed.numPatches()).isEqualTo(4);
    ParamValues pv = ParamValues.random(embed, 3, 0.5);
    float[] x = Tf.normal(new Random(4), B * IMG * IMG * C, 1.0);
    Param w = ModuleTree.of(embed).params().get(0).param();
    Param b = ModuleTree.of(embed).params().get(1).param();
    List<Tf.Values> out =
        Tf.evalAll(tf -> {
          Operand<TFloat32> in = Tf.constant(tf, x, B, IMG, IMG, C);
          return List.of(embed.forward(pv.inference(tf), in), conv2d(tf, in, pv, w, b));
        });
    assertThat(out.get(0).shape()).containsExactly(B, 4, OUT);
    // [B, 2, 2, OUT] row-major is already [B, 4, OUT] in that order
    assertThat(Tf.maxAbsDiff(out.get(0).data(), toDouble(out.get(1).data()))).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void pathsAndShapes() {
    assertThat(ModuleTree.of(new PatchEmbed(withNorm())).params())
        .extracting(NamedParam::path)
        .containsExactly("proj.weight", "proj.bias", "norm.weight", "norm.bias");
    assertThat(new PatchConv(C, OUT, K).ownParams().get(0).dims()).containsExactly(OUT, C, K, K);
  }

  @Test
  void rejectsBadSizes() {
    assertThatThrownBy(() -> new PatchEmbed(10, 4, C, OUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of the patch size 4");
    PatchConv conv = new PatchConv(C, OUT, K);
    ParamValues pv = ParamValues.random(conv, 1, 0.5);
    assertThatThrownBy(() -> Tf.eval(tf -> conv.forward(pv.inference(tf), Tf.constant(tf, new float[6 * 6 * C], 1, 6, 6, C))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiples of 4");
  }

  @Test
  void gradientsPatchConv() {
    PatchConv conv = new PatchConv(C, OUT, K);
    GradientChecker.of(conv).input(B, IMG, IMG, C).forward(conv::forward).rtol(RTOL).check();
  }

  @Test
  void gradientsPatchEmbedWithNorm() {
    PatchEmbed embed = new PatchEmbed(withNorm());
    GradientChecker.of(embed).input(B, IMG, IMG, C).forward(embed::forward).rtol(RTOL).check();
  }

  private static PatchEmbedOptions withNorm() {
    return PatchEmbedOptions.builder().imageSize(IMG).patchSize(K).channels(C).dim(OUT).normEps(1e-6).build();
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
