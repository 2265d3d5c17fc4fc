package io.expertize.experts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.op.math.Cumsum;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Switch-style top-k dispatch of T tokens to N experts of capacity {@code C = ceil(k·T·factor/N)}.
 * Choice j of every token takes the next free slot of its expert after all choices before j; a token
 * whose expert is full is dropped for that choice (its output is zero there: residual only).
 *
 * <p>TopKV2 has no gradient in TF Java, so the indices come from the probabilities behind a
 * StopGradient and the gates are read back from the probabilities by a one-hot product: the
 * router learns through the gates and the balancing loss.
 */
final class TopKRouting {
  private final int experts;
  private final Operand<TInt32> capacity;
  private final List<Operand<TInt32>> slots = new ArrayList<>(); // per choice: [T] slot, or N*C when dropped
  private final List<Operand<TFloat32>> gates = new ArrayList<>(); // per choice: [T]
  private final Operand<TFloat32> firstChoice; // [T, N] one-hot
  private final Operand<TFloat32> kept; // fraction of (token, choice) pairs that found a slot

  TopKRouting(Ops tf, Operand<TFloat32> probs, int experts, int k, double capacityFactor) {
    this.experts = experts;
    Operand<TInt32> tokens = tf.reshape(tf.gather(tf.shape(probs), tf.constant(0), tf.constant(0)), tf.constant(new int[0]));
    Operand<TFloat32> even = tf.math.div(tf.dtypes.cast(tokens, TFloat32.class), tf.constant((float) experts));
    capacity = tf.math.maximum(tf.constant(1),
        tf.dtypes.cast(tf.math.ceil(tf.math.mul(even, tf.constant((float) (k * capacityFactor)))), TInt32.class));
    Operand<TInt32> dropSlot = tf.math.mul(tf.constant(experts), capacity);
    Operand<TInt32> choices = tf.nn.topK(tf.stopGradient(probs), tf.constant(k), TInt32.class).indices();
    Operand<TFloat32> filled = tf.zeros(tf.constant(new int[] {1, experts}), TFloat32.class);
    Operand<TFloat32> keptSum = tf.constant(0f);
    Operand<TFloat32> first = null;
    for (int j = 0; j < k; j++) {
      Operand<TInt32> expert = tf.gather(choices, tf.constant(j), tf.constant(1));
      Operand<TFloat32> onehot = tf.oneHot(expert, tf.constant(experts), tf.constant(1f), tf.constant(0f));
      first = first == null ? onehot : first;
      gates.add(tf.reduceSum(tf.math.mul(probs, onehot), tf.constant(1)));
      Operand<TFloat32> before = tf.math.add(tf.math.cumsum(onehot, tf.constant(0), Cumsum.exclusive(true)), filled);
      Operand<TInt32> position = tf.dtypes.cast(tf.reduceSum(tf.math.mul(before, onehot), tf.constant(1)), TInt32.class);
      Operand<TBool> fits = tf.math.less(position, capacity);
      Operand<TInt32> slot = tf.math.add(tf.math.mul(expert, capacity), position);
      slots.add(tf.select(fits, slot, tf.broadcastTo(dropSlot, tf.shape(slot))));
      keptSum = tf.math.add(keptSum, tf.math.mean(tf.dtypes.cast(fits, TFloat32.class), tf.constant(0)));
      filled = tf.math.add(filled, tf.reduceSum(onehot, tf.constant(0), org.tensorflow.op.core.ReduceSum.keepDims(true)));
    }
    firstChoice = first;
    kept = tf.math.div(keptSum, tf.constant((float) k));
  }

  /** Tokens {@code [T, D]} to the experts' inputs {@code [N, C, D]} (empty slots are zero). */
  Operand<TFloat32> dispatch(Ops tf, Operand<TFloat32> x) {
    int d = (int) x.shape().size(1);
    List<Operand<TFloat32>> copies = Collections.nCopies(slots.size(), x);
    Operand<TFloat32> all = slots.size() == 1 ? x : tf.concat(copies, tf.constant(0));
    Operand<TInt32> where = slots.size() == 1 ? slots.get(0) : tf.concat(slots, tf.constant(0));
    Operand<TInt32> segments = tf.math.add(tf.math.mul(tf.constant(experts), capacity), tf.constant(1));
    Operand<TFloat32> bySlot = tf.math.unsortedSegmentSum(all, where, segments);
    Operand<TFloat32> real = tf.slice(bySlot, tf.constant(new int[] {0, 0}),
        tf.stack(List.of(tf.math.sub(segments, tf.constant(1)), tf.constant(d))));
    return tf.reshape(real, tf.stack(List.of(tf.constant(experts), capacity, tf.constant(d))));
  }

  /** The experts' outputs {@code [N, C, D]} back to tokens {@code [T, D]}, each choice scaled by its gate. */
  Operand<TFloat32> combine(Ops tf, Operand<TFloat32> y) {
    int d = (int) y.shape().size(2);
    Operand<TFloat32> rows = tf.concat(List.of(tf.reshape(y, tf.constant(new int[] {-1, d})),
        tf.zeros(tf.constant(new int[] {1, d}), TFloat32.class)), tf.constant(0));
    Operand<TFloat32> out = null;
    for (int j = 0; j < slots.size(); j++) {
      Operand<TFloat32> part = tf.math.mul(tf.gather(rows, slots.get(j), tf.constant(0)),
          tf.expandDims(gates.get(j), tf.constant(-1)));
      out = out == null ? part : tf.math.add(out, part);
    }
    return out;
  }

  /** Fraction of tokens whose first choice is each expert: {@code [N]}. */
  Operand<TFloat32> load(Ops tf) {
    return tf.math.mean(firstChoice, tf.constant(0));
  }

  /** Fraction of (token, choice) pairs dropped for lack of capacity. */
  Operand<TFloat32> dropped(Ops tf) {
    return tf.math.sub(tf.constant(1f), kept);
  }

  /** Switch's balancing loss {@code N · Σ_i f_i · P_i} (f: first-choice load, P: mean probability). */
  Operand<TFloat32> balanceLoss(Ops tf, Operand<TFloat32> meanProbs) {
    return tf.math.mul(tf.constant((float) experts), tf.reduceSum(tf.math.mul(load(tf), meanProbs), tf.constant(0)));
  }
}
