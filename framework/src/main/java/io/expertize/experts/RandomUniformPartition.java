package io.expertize.experts;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * EWA's random uniform partition of the T tokens of a batch over N experts. Token order is a random
 * permutation; the token at permuted position q goes to expert {@code q mod N}, slot {@code q div N}.
 * With {@code P = ceil(T/N)} slots per expert, every expert gets P or P-1 tokens (sizes differ by at
 * most one, whatever the remainder); the empty slots of the last row read a zero pad row and their
 * outputs are never gathered back. Dispatch and combine are both gathers, whose gradients TF has.
 */
final class RandomUniformPartition {
  private final int experts;
  private final Operand<TInt32> slots; // P
  private final Operand<TInt32> dispatchRows; // [N*P] token per (expert, slot); T = the pad row
  private final Operand<TInt32> combineRows; // [T] row of each token in the [N*P] expert output

  private RandomUniformPartition(Ops tf, Operand<TInt32> permutation, int experts) {
    this.experts = experts;
    Operand<TInt32> n = tf.constant(experts);
    Operand<TInt32> tokens = tf.reshape(tf.shape(permutation), tf.constant(new int[0]));
    slots = tf.math.floorDiv(tf.math.add(tokens, tf.constant(experts - 1)), n);
    Operand<TInt32> rows = tf.range(tf.constant(0), tf.math.mul(n, slots), tf.constant(1));
    Operand<TInt32> q = tf.math.add(tf.math.mul(tf.math.floorMod(rows, slots), n), tf.math.floorDiv(rows, slots));
    Operand<TInt32> padded = tf.concat(List.of(permutation, tf.reshape(tokens, tf.constant(new int[] {1}))), tf.constant(0));
    dispatchRows = tf.gather(padded, tf.math.minimum(q, tokens), tf.constant(0));
    Operand<TInt32> position = tf.math.invertPermutation(permutation);
    combineRows = tf.math.add(tf.math.mul(tf.math.floorMod(position, n), slots), tf.math.floorDiv(position, n));
  }

  /** A fresh partition of {@code tokens} tokens, drawn from the stateless {@code seed}. */
  static RandomUniformPartition draw(Ops tf, Operand<TInt32> tokens, int experts, Operand<TInt64> seed) {
    Operand<TFloat32> keys = tf.random.statelessRandomUniform(tf.reshape(tokens, tf.constant(new int[] {1})), seed);
    return of(tf, tf.nn.topK(keys, tokens, TInt32.class).indices(), experts);
  }

  /** The partition that follows {@code permutation} (a permutation of 0..T-1). */
  static RandomUniformPartition of(Ops tf, Operand<TInt32> permutation, int experts) {
    return new RandomUniformPartition(tf, permutation, experts);
  }

  /** {@code x} {@code [T, D]} to the experts' inputs {@code [N, P, D]}. */
  Operand<TFloat32> dispatch(Ops tf, Operand<TFloat32> x) {
    long d = x.shape().size(1);
    Operand<TFloat32> withPad = tf.concat(List.of(x, tf.zeros(tf.constant(new int[] {1, (int) d}), TFloat32.class)), tf.constant(0));
    Operand<TFloat32> gathered = tf.gather(withPad, dispatchRows, tf.constant(0));
    return tf.reshape(gathered, tf.stack(List.of(tf.constant(experts), slots, tf.constant((int) d))));
  }

  /** The experts' outputs {@code [N, P, D]} back to token order {@code [T, D]}. */
  Operand<TFloat32> combine(Ops tf, Operand<TFloat32> y) {
    long d = y.shape().size(2);
    return tf.gather(tf.reshape(y, tf.constant(new int[] {-1, (int) d})), combineRows, tf.constant(0));
  }

  /** Token index per (expert, slot), row-major; T marks a pad slot. For tests. */
  Operand<TInt32> dispatchRows() {
    return dispatchRows;
  }
}
