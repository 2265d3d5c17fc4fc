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

  /** GELU, biases, no dropout: timm's {@code Mlp} at its defaults. */
  public FeedForward(long dim, long hidden) {
    this(FeedForwardOptions.builder().dim(dim).hidden(hidden).build());
  }

  public FeedForward(FeedForwardOptions o) {
    this.fc1 = new Linear(o.dim(), o.hidden(), o.bias(), o.inputInit());
    this.drop1 = new Dropout(o.dropout());
    this.fc2 = new Linear(o.hidden(), o.dim(), o.bias(), o.outputInit());
    this.drop2 = new Dropout(o.dropout());
    this.activation = o.activation();
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
