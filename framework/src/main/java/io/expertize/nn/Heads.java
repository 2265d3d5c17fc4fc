package io.expertize.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Splits projections into attention heads and merges them back, in torch's layout: a projection of
 * {@code parts} stacked tensors {@code [B, T, parts * H * hd]} (timm's {@code qkv}, PVT's {@code kv})
 * is read as {@code [B, T, parts, H, hd]}.
 */
final class Heads {
  private Heads() {}

  /** {@code [B, T, parts * H * hd]} -> {@code parts} tensors {@code [B, H, T, hd]}. */
  static List<Output<TFloat32>> split(Ops tf, Operand<TFloat32> projected, long tokens, int parts, int heads, long headDim) {
    Operand<TFloat32> stacked =
        tf.linalg.transpose(
            tf.reshape(projected, Shapes.of(tf, -1, tokens, parts, heads, headDim)),
            tf.constant(new int[] {2, 0, 3, 1, 4}));
    return tf.unstack(stacked, (long) parts).output();
  }

  /** {@code [B, H, T, hd]} -> {@code [B, T, H * hd]}. */
  static Operand<TFloat32> merge(Ops tf, Operand<TFloat32> perHead, long tokens, long dim) {
    return tf.reshape(
        tf.linalg.transpose(perHead, tf.constant(new int[] {0, 2, 1, 3})), Shapes.of(tf, -1, tokens, dim));
  }
}
