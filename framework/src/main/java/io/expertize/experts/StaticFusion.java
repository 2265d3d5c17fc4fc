package io.expertize.experts;

import io.expertize.graph.ForwardContext;
import io.expertize.nn.FeedForwardNetwork;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** ExFusion sw: the experts fused with fixed weights 1/N every step, then one FFN runs. */
final class StaticFusion extends ExpertSet {
  StaticFusion(String path, FeedForwardNetwork ffn, int experts, FusionSettings settings) {
    super(path, ffn, experts, settings);
  }

  @Override
  public Operand<TFloat32> forward(ForwardContext ctx, FeedForwardNetwork ffn, Operand<TFloat32> x) {
    return fusedForward(ctx, x, uniform(ctx.tf()));
  }

  @Override
  protected Operand<TFloat32> inferenceWeights(Ops tf, boolean down) {
    return uniform(tf);
  }
}
