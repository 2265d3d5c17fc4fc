package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A position-wise feed-forward network: the layer kind that {@code @Expertize} turns into expert
 * sets. Models call {@link #forward}; in a graph built with experts that runs the expert set in this
 * FFN's place, which in turn runs {@link #compute} with its projections' weights substituted.
 */
public abstract class FeedForwardNetwork extends Module {
  public final Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    FeedForwardOverride experts = ctx.override(this, FeedForwardOverride.class);
    return experts == null ? compute(ctx, x) : experts.forward(ctx, this, x);
  }

  /**
   * This FFN's own computation over the last axis of {@code x}. It must reach its weights only
   * through its {@link #projections()} (and be elementwise otherwise), so expert sets can substitute
   * them; {@code x} may carry a leading expert axis.
   */
  public abstract Operand<TFloat32> compute(ForwardContext ctx, Operand<TFloat32> x);

  /** The linear projections, input side first (fc1, fc2 or wi_0, wi_1, wo). */
  public abstract List<Linear> projections();

  /** Width of the input and output. */
  public long dim() {
    return projections().get(0).in();
  }
}
