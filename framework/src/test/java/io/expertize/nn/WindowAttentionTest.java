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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Swin's (shifted) window attention: timm's names and index, the mask against a direct attention, gradients. */
class WindowAttentionTest {
  private static final int B = 2;
  private static final int D = 8;
  private static final int HEADS = 2;
  private static final AttentionOptions ATTENTION = AttentionOptions.builder().dim(D).heads(HEADS).build();

  @Test
  void pathsAndTableShapeAreTimms() {
    WindowAttention attn = new WindowAttention(ATTENTION, new ShiftedWindows(6, 6, 3, 1));
    assertThat(ModuleTree.of(attn).params()).extracting(NamedParam::path).containsExactly(
        "relative_position_bias_table", "qkv.weight", "qkv.bias", "proj.weight", "proj.bias");
    assertThat(attn.ownParams().get(0).dims()).containsExactly(25, HEADS); // (2*3 - 1)^2 offsets
  }

  @Test
  void relativePositionIndexIsTimmsBuffer() {
    // window 2, tokens (0,0) (0,1) (1,0) (1,1): (drow + 1) * 3 + (dcol + 1)
    assertThat(WindowAttention.relativePositionIndex(2)).containsExactly(
        4, 3, 1, 0,
        5, 4, 2, 1,
        7, 6, 4, 3,
        8, 7, 5, 4);
  }

  /**
   * The windowed computation (cyclic shift, partition, -100 mask, merge, shift back) equals one
   * attention over the whole grid in which a token sees exactly the tokens of its window of the
   * shifted partition WITHOUT wrap-around: window edges at {@code shift - window + k * window} on
   * both axes, cut at the image border. Written from that definition, in double precision.
   */
  @ParameterizedTest(name = "{0}x{1} grid, window {2}, shift {3}")
  @CsvSource({"6, 9, 3, 0", "6, 9, 3, 1", "6, 6, 3, 2", "8, 8, 4, 2", "4, 4, 4, 0"})
  void shiftedWindowsEqualDirectMaskedAttentionOverTheWholeGrid(int height, int width, int window, int shift) {
    WindowAttention attn = new WindowAttention(ATTENTION, new ShiftedWindows(height, width, window, shift));
    ParamValues pv = ParamValues.random(attn, 1, 0.5);
    int tokens = height * width;
    float[] x = Tf.normal(new Random(2), B * tokens * D, 1.0);
    Tf.Values y = Tf.eval(tf -> attn.forward(pv.inference(tf), Tf.constant(tf, x, B, tokens, D)));

    assertThat(y.shape()).containsExactly(B, tokens, D);
    assertThat(Tf.maxAbsDiff(y.data(), direct(attn, pv, x, height, width, window, shift))).isLessThanOrEqualTo(1e-5);
  }

  private static double[] direct(WindowAttention attn, ParamValues pv, float[] x, int height, int width, int window, int shift) {
    int tokens = height * width;
    float[] table = pv.get(attn.ownParams().get(0));
    Reference.PairBias bias = (h, i, j) -> {
      int di = i / width - j / width;
      int dj = i % width - j % width;
      boolean together = group(i / width, window, shift) == group(j / width, window, shift)
          && group(i % width, window, shift) == group(j % width, window, shift);
      int offset = (di + window - 1) * (2 * window - 1) + dj + window - 1;
      return together ? table[offset * HEADS + h] : Double.NEGATIVE_INFINITY;
    };
    double[] out = new double[B * tokens * D];
    for (int b = 0; b < B; b++) {
      double[] rows = new double[tokens * D];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = x[b * tokens * D + i];
      }
      double[] qkv = Reference.linear(rows, tokens, D, pv.get(attn.qkv.weight()), pv.get(attn.qkv.bias()), 3 * D);
      double[] heads = Reference.attention(
          Reference.columns(qkv, tokens, 3 * D, 0, D), Reference.columns(qkv, tokens, 3 * D, D, D),
          Reference.columns(qkv, tokens, 3 * D, 2 * D, D), tokens, tokens, HEADS, D / HEADS, bias);
      double[] y = Reference.linear(heads, tokens, D, pv.get(attn.proj.weight()), pv.get(attn.proj.bias()), D);
      System.arraycopy(y, 0, out, b * tokens * D, y.length);
    }
    return out;
  }

  /** Which window of the un-wrapped shifted partition a coordinate falls in. */
  private static int group(int coordinate, int window, int shift) {
    return (coordinate + window - shift) / window;
  }

  @Test
  void partitionThenMergeIsTheIdentity() {
    ShiftedWindows windows = new ShiftedWindows(4, 6, 2, 1);
    float[] x = Tf.normal(new Random(3), B * 4 * 6 * 3, 1.0);
    Tf.Values windowed = Tf.eval(tf -> windows.partition(tf, Tf.constant(tf, x, B, 4, 6, 3)));
    Tf.Values back = Tf.eval(tf -> windows.merge(tf, windows.partition(tf, Tf.constant(tf, x, B, 4, 6, 3))));
    assertThat(windowed.shape()).containsExactly(B * 6, 4, 3);
    assertThat(back.data()).containsExactly(x);
  }

  @Test
  void rejectsGridsThatDoNotSplitIntoWindows() {
    assertThatThrownBy(() -> new ShiftedWindows(6, 6, 4, 0))
        .hasMessageContaining("6x6 token grid").hasMessageContaining("multiple of the window size");
    assertThatThrownBy(() -> new ShiftedWindows(6, 6, 3, 3)).hasMessageContaining("shift 3 must be in [0, window size 3)");
  }

  @Test
  void gradientsWithShiftedWindowsAndMask() {
    WindowAttention attn = new WindowAttention(ATTENTION, new ShiftedWindows(4, 4, 2, 1));
    GradientChecker.of(attn).input(B, 16, D).forward(attn::forward).rtol(5e-3).check();
  }

  @Test
  void gradientsWithoutShift() {
    WindowAttention attn = new WindowAttention(
        AttentionOptions.builder().dim(D).heads(HEADS).qkvBias(false).build(), new ShiftedWindows(4, 4, 2, 0));
    GradientChecker.of(attn).input(B, 16, D).forward(attn::forward).rtol(5e-3).check();
  }
}
