package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** {@code fc2(drop(act(fc1(x))))} followed by dropout: timm's {@code Mlp} and T5's ReLU FFN. */
public class FeedForward extends FeedForwardNetwork {
  private final Linear fc1;
  private final Dropout drop1;
  private final Linear fc2;
  private final Dropout drop2;
  private final Activation activation;

  public FeedForward(long dim, long hidden, Activation activation, boolean bias, double dropout) {
    this.fc1 = new Linear(dim, hidden, bias);
    this.drop1 = new Dropout(dropout);
    this.fc2 = new Linear(hidden, dim, bias);
    this.drop2 = new Dropout(dropout);
    this.activation = activation;
  }

  @Override
  public Operand<TFloat32> compute(ForwardContext ctx, Operand<TFloat32> x) {
    Operand<TFloat32> h = drop1.forward(ctx, activation.apply(ctx.tf(), fc1.forward(ctx, x)));
    return drop2.forward(ctx, fc2.forward(ctx, h));
  }

  @Override
  public List<Linear> projections() {
    return List.of(fc1, fc2);
  }
}
