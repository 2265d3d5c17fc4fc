package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** {@code wo(drop(act(wi x)))}: T5's ungated FFN ({@code DenseReluDense} with ReLU). */
public class DenseActDense extends FeedForwardNetwork {
  private final Linear wi;
  private final Dropout dropout;
  private final Linear wo;
  private final Activation activation;

  /** {@code inputInit} starts {@code wi}, {@code outputInit} starts {@code wo}; T5 sets {@code bias(false)}. */
  public DenseActDense(FeedForwardOptions o) {
    this.wi = new Linear(o.dim(), o.hidden(), o.bias(), o.inputInit());
    this.dropout = new Dropout(o.dropout());
    this.wo = new Linear(o.hidden(), o.dim(), o.bias(), o.outputInit());
    this.activation = o.activation();
  }

  @Override
  public Operand<TFloat32> compute(ForwardContext ctx, Operand<TFloat32> x) {
    return wo.forward(ctx, dropout.forward(ctx, activation.apply(ctx.tf(), wi.forward(ctx, x))));
  }

  @Override
  public List<Linear> projections() {
    return List.of(wi, wo);
  }
}
