package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A position-wise feed-forward network: the layer kind that {@code @Expertize} turns into expert
 * sets. Its projections are the linear layers an expert set replaces.
 */
public interface FeedForwardNetwork {
  Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x);

  /** The linear projections, input side first (fc1, fc2 or wi_0, wi_1, wo). */
  List<Linear> projections();
}
