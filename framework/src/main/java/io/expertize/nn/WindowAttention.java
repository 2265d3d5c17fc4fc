package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Param;
import io.expertize.graph.ParamKind;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Swin's (shifted) window attention: timm's {@code WindowAttention} together with the block's cyclic
 * shift. Tokens {@code [B, H*W, C]} of a fixed grid attend only within their window, with a learned
 * bias per relative position and head ({@code relative_position_bias_table [(2w-1)^2, heads]}) and,
 * when the windows are shifted, the mask that keeps wrapped-around tokens apart.
 */
public class WindowAttention extends Attention {
  private final ShiftedWindows windows;
  private final Param relativePositionBiasTable;

  public WindowAttention(AttentionOptions attention, ShiftedWindows windows) {
    super(attention);
    this.windows = windows;
    long positions = 2L * windows.window() - 1;
    this.relativePositionBiasTable =
        param("relative_position_bias_table", ParamKind.EMBEDDING, positions * positions, attention.heads());
  }

  public ShiftedWindows windows() {
    return windows;
  }

  /** x: {@code [B, H*W, C]}, row-major over the grid. */
  @Override
  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    long n = windows.area();
    long gridTokens = (long) windows.height() * windows.width();
    Operand<TFloat32> grid = tf.reshape(x, Shapes.of(tf, -1, windows.height(), windows.width(), dim));
    Operand<TFloat32> tokens = windows.partition(tf, grid);
    List<Output<TFloat32>> qkvHeads = Heads.split(tf, qkv.forward(ctx, tokens), n, 3, heads, headDim());
    Operand<TFloat32> out = ScaledDotProductAttention.apply(
        ctx, byWindow(tf, qkvHeads.get(0)), byWindow(tf, qkvHeads.get(1)), byWindow(tf, qkvHeads.get(2)),
        bias(ctx), 1.0 / Math.sqrt(headDim()), attnDrop);
    Operand<TFloat32> merged = Heads.merge(tf, tf.reshape(out, Shapes.of(tf, -1, heads, n, headDim())), n, dim);
    Operand<TFloat32> y = projDrop.forward(ctx, proj.forward(ctx, merged));
    return tf.reshape(windows.merge(tf, y), Shapes.of(tf, -1, gridTokens, dim));
  }

  /** {@code [B * nW, H, N, hd]} -> {@code [B, nW, H, N, hd]}: the per-window mask then broadcasts over B. */
  private Operand<TFloat32> byWindow(Ops tf, Operand<TFloat32> perHead) {
    return tf.reshape(perHead, Shapes.of(tf, -1, windows.count(), heads, windows.area(), headDim()));
  }

  /** The relative position bias {@code [H, N, N]}, plus the shift mask ({@code [nW, H, N, N]}) if any. */
  private Operand<TFloat32> bias(ForwardContext ctx) {
    Ops tf = ctx.tf();
    long n = windows.area();
    Operand<TFloat32> table = tf.gather(
        ctx.read(relativePositionBiasTable), tf.constant(relativePositionIndex(windows.window())), tf.constant(0));
    Operand<TFloat32> bias = tf.linalg.transpose(tf.reshape(table, Shapes.of(tf, n, n, heads)), tf.constant(new int[] {2, 0, 1}));
    Operand<TFloat32> mask = windows.mask(tf);
    return mask == null ? bias : tf.math.add(bias, mask);
  }

  /**
   * For query p and key q of a window (row-major), the table row of their offset:
   * {@code (p_row - q_row + w - 1) * (2w - 1) + (p_col - q_col + w - 1)}, as timm's index buffer.
   */
  static int[] relativePositionIndex(int window) {
    int n = window * window;
    int[] index = new int[n * n];
    for (int p = 0; p < n; p++) {
      for (int q = 0; q < n; q++) {
        int row = p / window - q / window + window - 1;
        int col = p % window - q % window + window - 1;
        index[p * n + q] = row * (2 * window - 1) + col;
      }
    }
    return index;
  }
}
