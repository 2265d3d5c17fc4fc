package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Initializer;
import io.expertize.graph.ParamKind;
import io.expertize.graph.PathName;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** {@code wo(drop(act(wi_0 x) * wi_1 x))}: the gated FFN of T5 v1.1 (gated-GELU), no biases. */
public class GatedFeedForward extends FeedForwardNetwork {
  @PathName("wi_0")
  private final Linear gate;
  @PathName("wi_1")
  private final Linear up;
  private final Dropout drop;
  @PathName("wo")
  private final Linear down;
  private final Activation activation;

  public GatedFeedForward(long dim, long hidden, Activation activation, double dropout) {
    this(dim, hidden, activation, dropout, ParamKind.WEIGHT.defaultInitializer(), ParamKind.WEIGHT.defaultInitializer());
  }

  /** With the initialisers of the input projections ({@code wi_0}, {@code wi_1}) and of {@code wo}. */
  public GatedFeedForward(long dim, long hidden, Activation activation, double dropout, Initializer inInit, Initializer outInit) {
    this.gate = new Linear(dim, hidden, false, inInit);
    this.up = new Linear(dim, hidden, false, inInit);
    this.drop = new Dropout(dropout);
    this.down = new Linear(hidden, dim, false, outInit);
    this.activation = activation;
  }

  @Override
  public Operand<TFloat32> compute(ForwardContext ctx, Operand<TFloat32> x) {
    Operand<TFloat32> h =
        ctx.tf().math.mul(activation.apply(ctx.tf(), gate.forward(ctx, x)), up.forward(ctx, x));
    return down.forward(ctx, drop.forward(ctx, h));
  }

  @Override
  public List<Linear> projections() {
    return List.of(gate, up, down);
  }
}
