package io.expertize.zoo.t5;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** An attention's keys and values, split into heads, {@code [B, H, T, d_kv]} each: what incremental decoding keeps. */
record KeyValues(Operand<TFloat32> keys, Operand<TFloat32> values) {

  /**
   * These buffers with {@code token}'s keys and values ({@code [B, H, 1, d_kv]}) written where
   * {@code written} ({@code [1, 1, L, 1]}) is 1; {@code x * 0 + y * 1} keeps both sides exact.
   */
  KeyValues write(Ops tf, KeyValues token, Operand<TFloat32> written) {
    Operand<TFloat32> kept = tf.math.sub(tf.constant(1f), written);
    return new KeyValues(tf.math.add(tf.math.mul(keys, kept), tf.math.mul(token.keys, written)),
        tf.math.add(tf.math.mul(values, kept), tf.math.mul(token.values, written)));
  }
}
