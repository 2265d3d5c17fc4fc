package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Initializer;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** {@code wo(drop(act(wi x)))} without biases: T5's ungated FFN ({@code DenseReluDense} with ReLU). */
public class DenseActDense extends FeedForwardNetwork {
  private final Linear wi;
  private final Dropout dropout;
  private final Linear wo;
  private final Activation activation;

  public DenseActDense(long dim, long hidden, Activation activation, double dropout, Initializer wiInit, Initializer woInit) {
    this.wi = new Linear(dim, hidden, false, wiInit);
    this.dropout = new Dropout(dropout);
    this.wo = new Linear(hidden, dim, false, woInit);
    this.activation = activation;
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
