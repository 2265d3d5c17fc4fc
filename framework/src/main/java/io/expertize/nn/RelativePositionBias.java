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
 */
public class RelativePositionBias extends Module {
  private final int heads;
  private final int buckets;
  private final int maxDistance;
  private final boolean bidirectional;
  private final Param weight;

  public RelativePositionBias(int heads, int buckets, int maxDistance, boolean bidirectional, Initializer init) {
    RelativePositionBuckets.validate(buckets, maxDistance);
    if (heads <= 0) {
      throw new IllegalArgumentException("relative position bias needs a positive head count, got " + heads);
    }
    this.heads = heads;
    this.buckets = buckets;
    this.maxDistance = maxDistance;
    this.bidirectional = bidirectional;
    this.weight = param("weight", ParamKind.EMBEDDING, init, buckets, heads);
  }

  /** The bias {@code [1, heads, queryLength, keyLength]}. */
  public Operand<TFloat32> forward(ForwardContext ctx, int queryLength, int keyLength) {
    Ops tf = ctx.tf();
    int[] table = RelativePositionBuckets.table(queryLength, keyLength, bidirectional, buckets, maxDistance);
    Operand<TInt32> ids = tf.constant(Shape.of(queryLength, keyLength), DataBuffers.of(table, true, false));
    Operand<TFloat32> values = tf.gather(ctx.read(weight), ids, tf.constant(0)); // [Tq, Tk, H]
    return tf.reshape(tf.linalg.transpose(values, tf.constant(new int[] {2, 0, 1})),
        Shapes.of(tf, 1, heads, queryLength, keyLength));
  }
}
