package io.expertize.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Swin's window partition of a {@code height x width} token grid: a cyclic shift by {@code -shift}
 * on both axes, then non-overlapping {@code window x window} windows; {@link #merge} undoes both.
 * After a shift, the windows on the far edges hold tokens from opposite sides of the image;
 * {@link #mask} keeps those apart, as Swin's attention mask does.
 */
public final class ShiftedWindows {
  /** Swin's additive mask value between tokens of different regions (softmax weight ~ e^-100). */
  static final float MASKED = -100f;

  private final int height;
  private final int width;
  private final int window;
  private final int shift;

  public ShiftedWindows(int height, int width, int window, int shift) {
    if (window <= 0 || height % window != 0 || width % window != 0) {
      throw new IllegalArgumentException(String.format(
          "a %dx%d token grid must split into whole %dx%d windows: the resolution must be a multiple of the window size",
          height, width, window, window));
    }
    if (shift < 0 || shift >= window) {
      throw new IllegalArgumentException("window shift " + shift + " must be in [0, window size " + window + ")");
    }
    this.height = height;
    this.width = width;
    this.window = window;
    this.shift = shift;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public int window() {
    return window;
  }

  public int shift() {
    return shift;
  }

  /** Windows per image. */
  public int count() {
    return (height / window) * (width / window);
  }

  /** Tokens per window. */
  public int area() {
    return window * window;
  }

  /** {@code [B, H, W, C]} -> {@code [B * count, area, C]}: windows row-major, tokens row-major inside. */
  public Operand<TFloat32> partition(Ops tf, Operand<TFloat32> grid) {
    long c = grid.shape().get(3);
    Operand<TFloat32> blocks = tf.reshape(roll(tf, grid, -shift),
        Shapes.of(tf, -1, height / window, window, width / window, window, c));
    return tf.reshape(tf.linalg.transpose(blocks, tf.constant(new int[] {0, 1, 3, 2, 4, 5})), Shapes.of(tf, -1, area(), c));
  }

  /** {@code [B * count, area, C]} -> {@code [B, H, W, C]}, the inverse of {@link #partition}. */
  public Operand<TFloat32> merge(Ops tf, Operand<TFloat32> windows) {
    long c = Shapes.lastDim(windows);
    Operand<TFloat32> blocks = tf.reshape(windows,
        Shapes.of(tf, -1, height / window, width / window, window, window, c));
    Operand<TFloat32> grid = tf.reshape(
        tf.linalg.transpose(blocks, tf.constant(new int[] {0, 1, 3, 2, 4, 5})), Shapes.of(tf, -1, height, width, c));
    return roll(tf, grid, shift);
  }

  /**
   * The additive attention mask {@code [count, 1, area, area]}, or null without a shift: 0 between
   * tokens of one region of the shifted grid, {@value #MASKED} across regions. Regions split each
   * axis at {@code size - window} and {@code size - shift}, as in Swin.
   */
  public Operand<TFloat32> mask(Ops tf) {
    if (shift == 0) {
      return null;
    }
    int n = area();
    float[] mask = new float[count() * n * n];
    int perRow = width / window;
    for (int k = 0; k < count(); k++) {
      int top = (k / perRow) * window;
      int left = (k % perRow) * window;
      for (int p = 0; p < n; p++) {
        for (int q = 0; q < n; q++) {
          boolean same = region(top + p / window, height) == region(top + q / window, height)
              && region(left + p % window, width) == region(left + q % window, width);
          mask[(k * n + p) * n + q] = same ? 0f : MASKED;
        }
      }
    }
    return tf.constant(Shape.of(count(), 1, n, n), DataBuffers.of(mask, true, false));
  }

  private int region(int coordinate, int size) {
    return coordinate < size - window ? 0 : coordinate < size - shift ? 1 : 2;
  }

  private static Operand<TFloat32> roll(Ops tf, Operand<TFloat32> grid, int by) {
    return by == 0 ? grid : tf.roll(grid, Shapes.of(tf, by, by), Shapes.of(tf, 1, 2));
  }
}
