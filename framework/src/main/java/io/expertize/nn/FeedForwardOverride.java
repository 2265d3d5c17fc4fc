package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** What runs instead of a feed-forward network's own pass: an expert set. A context override. */
@FunctionalInterface
public interface FeedForwardOverride {
  Operand<TFloat32> forward(ForwardContext ctx, FeedForwardNetwork ffn, Operand<TFloat32> x);
}
