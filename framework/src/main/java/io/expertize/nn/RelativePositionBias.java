package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Initializer;
import io.expertize.graph.Module;
import io.expertize.graph.Param;
import io.expertize.graph.ParamKind;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A learned scalar per (bucket, head) added to the attention logits: T5's
 * {@code relative_attention_bias}, a {@code [buckets, heads]} table. The buckets of a (query, key)
 * pair depend only on the sequence lengths, so they are computed once in Java and become a constant;
 * the graph only gathers.
 *
 * <pre>{@code
 * new RelativePositionBias(8, RelativePositionBuckets.builder().bidirectional(true).build(), Initializer.zeros());
 * }</pre>
 */
public class RelativePositionBias extends Module {
  private final int heads;
  private final RelativePositionBuckets buckets;
  private final Param weight;

  /** A {@code [buckets.count(), heads]} table initialised by {@code init}. */
  public RelativePositionBias(int heads, RelativePositionBuckets buckets, Initializer init) {
    if (heads <= 0) {
      throw new IllegalArgumentException("relative position bias needs a positive head count, got " + heads);
    }
    this.heads = heads;
    this.buckets = buckets;
    this.weight = param("weight", ParamKind.EMBEDDING, init, buckets.count(), heads);
  }

  /** The bias {@code [1, heads, queryLength, keyLength]}. */
  public Operand<TFloat32> forward(ForwardContext ctx, int queryLength, int keyLength) {
    return bias(ctx, bucketIds(ctx.tf(), queryLength, keyLength), queryLength, keyLength);
  }

  /**
   * One row of {@link #forward}{@code (ctx, length, length)}, the query position chosen when the
   * graph runs (a decoding step): {@code [1, heads, 1, length]}, gathering {@code length} values
   * instead of {@code length^2}.
   */
  public Operand<TFloat32> row(ForwardContext ctx, Operand<TInt32> query, int length) {
    Ops tf = ctx.tf();
    Operand<TInt32> ids = tf.gather(bucketIds(tf, length, length), tf.reshape(query, Shapes.of(tf, 1)), tf.constant(0));
    return bias(ctx, ids, 1, length);
  }

  /** The buckets of every (query, key) pair, computed in Java: a constant {@code [Tq, Tk]}. */
  private Operand<TInt32> bucketIds(Ops tf, int queryLength, int keyLength) {
    int[] table = buckets.table(queryLength, keyLength);
    return tf.constant(Shape.of(queryLength, keyLength), DataBuffers.of(table, true, false));
  }

  private Operand<TFloat32> bias(ForwardContext ctx, Operand<TInt32> ids, int queryLength, int keyLength) {
    Ops tf = ctx.tf();
    Operand<TFloat32> values = tf.gather(ctx.read(weight), ids, tf.constant(0)); // [Tq, Tk, H]
    return tf.reshape(tf.linalg.transpose(values, tf.constant(new int[] {2, 0, 1})),
        Shapes.of(tf, 1, heads, queryLength, keyLength));
  }
}
