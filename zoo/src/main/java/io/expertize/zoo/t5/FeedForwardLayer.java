package io.expertize.zoo.t5;

import io.expertize.annotations.Expertize;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.PathName;
import io.expertize.nn.Dropout;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.RmsNorm;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * HF's {@code T5LayerFF}. Its FFN is expertized with the papers' defaults (every layer of both
 * stacks, encoder first, 4 experts); {@code fusion.scheme=dense} trains it as written.
 */
class FeedForwardLayer extends T5Layer {
  @Expertize // package-private: the generated Expertize_T5Model reads it
  @PathName("DenseReluDense")
  final FeedForwardNetwork ffn;
  private final RmsNorm layerNorm;
  private final Dropout dropout;

  FeedForwardLayer(T5Config c) {
    this.ffn = c.feedForward().create(c);
    this.layerNorm = new RmsNorm(c.dModel(), c.layerNormEps());
    this.dropout = new Dropout(c.dropout());
  }

  @Override
  Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> hidden, LayerInputs in) {
    return ctx.tf().math.add(hidden, dropout.forward(ctx, ffn.forward(ctx, layerNorm.forward(ctx, hidden))));
  }

  @Override
  Operand<TFloat32> step(ForwardContext ctx, Operand<TFloat32> hidden, StepInputs in, BlockCache cache) {
    return forward(ctx, hidden, null);
  }
}
