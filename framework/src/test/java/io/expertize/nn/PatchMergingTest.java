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
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Swin's patch merging: timm's x0..x3 order, norm and reduction, names and gradients. */
class PatchMergingTest {
  private static final int B = 2;
  private static final int H = 4;
  private static final int W = 6;
  private static final int C = 3;
  private static final int OUT = 5;
  private static final double EPS = 1e-5;

  private static PatchMergingOptions options(int height, int width) {
    return PatchMergingOptions.builder().height(height).width(width).dim(C).outDim(OUT).normEps(EPS).build();
  }

  @Test
  void pathsAreTimms() {
    assertThat(ModuleTree.of(new PatchMerging(options(H, W))).params()).extracting(NamedParam::path)
        .containsExactly("norm.weight", "norm.bias", "reduction.weight");
  }

  @Test
  void concatenatesEachTwoByTwoNeighbourhoodInTimmsOrder() {
    PatchMerging merging = new PatchMerging(options(H, W));
    ParamValues pv = ParamValues.random(merging, 1, 0.5);
    float[] x = Tf.normal(new Random(2), B * H * W * C, 1.0);
    Tf.Values y = Tf.eval(tf -> merging.forward(pv.inference(tf), Tf.constant(tf, x, B, H * W, C)));

    int merged = B * (H / 2) * (W / 2);
    double[] concat = new double[merged * 4 * C];
    int row = 0;
    for (int b = 0; b < B; b++) {
      for (int i = 0; i < H / 2; i++) {
        for (int j = 0; j < W / 2; j++) {
          int[][] x0to3 = {{2 * i, 2 * j}, {2 * i + 1, 2 * j}, {2 * i, 2 * j + 1}, {2 * i + 1, 2 * j + 1}};
          for (int part = 0; part < 4; part++) {
            for (int c = 0; c < C; c++) {
              concat[(row * 4 + part) * C + c] = x[((b * H + x0to3[part][0]) * W + x0to3[part][1]) * C + c];
            }
          }
          row++;
        }
      }
    }
    List<Param> p = ModuleTree.of(merging).params().stream().map(NamedParam::param).toList();
    double[] expected = Reference.linear(
        Reference.layerNorm(concat, 4 * C, pv.get(p.get(0)), pv.get(p.get(1)), EPS), merged, 4 * C, pv.get(p.get(2)), null, OUT);

    assertThat(y.shape()).containsExactly(B, (H / 2) * (W / 2), OUT);
    assertThat(Tf.maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void rejectsAnOddResolution() {
    assertThatThrownBy(() -> new PatchMerging(options(7, 7)))
        .hasMessageContaining("needs an even resolution; got 7x7");
  }

  @Test
  void gradients() {
    PatchMerging merging = new PatchMerging(options(H, W));
    GradientChecker.of(merging).input(B, H * W, C).forward(merging::forward).rtol(5e-3).check();
  }
}
