package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.PathName;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** {@code wo(drop(act(wi_0 x) * wi_1 x))}: the gated FFN of T5 v1.1 (gated-GELU); T5 has no biases. */
public class GatedFeedForward extends FeedForwardNetwork {
  @PathName("wi_0")
  private final Linear gate;
  @PathName("wi_1")
  private final Linear up;
  private final Dropout drop;
  @PathName("wo")
  private final Linear down;
  private final Activation activation;

  /** No biases (T5 v1.1) and the usual weight initialiser. */
  public GatedFeedForward(long dim, long hidden, Activation activation, double dropout) {
    this(FeedForwardOptions.builder()
        .dim(dim).hidden(hidden).activation(activation).bias(false).dropout(dropout).build());
  }

  /** {@code inputInit} starts {@code wi_0} and {@code wi_1}, {@code outputInit} starts {@code wo}. */
  public GatedFeedForward(FeedForwardOptions o) {
    this.gate = new Linear(o.dim(), o.hidden(), o.bias(), o.inputInit());
    this.up = new Linear(o.dim(), o.hidden(), o.bias(), o.inputInit());
    this.drop = new Dropout(o.dropout());
    this.down = new Linear(o.hidden(), o.dim(), o.bias(), o.outputInit());
    this.activation = o.activation();
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
