package io.expertize.experts;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Initializer;
import io.expertize.graph.ModelVariable;
import io.expertize.graph.ParamKind;
import io.expertize.graph.VariableStore;
import io.expertize.nn.FeedForwardNetwork;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * ExFusion dw: N learnable mixing weights per FFN, shared by its up and down sets, initialised 1/N;
 * unconstrained unless {@code normalizedWeights} (then softmax of the learned values). Not decayed.
 */
final class DynamicFusion extends ExpertSet {
  private ModelVariable weights;

  DynamicFusion(String path, FeedForwardNetwork ffn, int experts, FusionSettings settings) {
    super(path, ffn, experts, settings);
  }

  @Override
  protected void declareOwn(VariableStore store) {
    weights = store.addTrainable(path + ".expert_weights", perExpert(), Initializer.constant(1f / experts), ParamKind.GAIN);
  }

  @Override
  public Operand<TFloat32> forward(ForwardContext ctx, FeedForwardNetwork ffn, Operand<TFloat32> x) {
    Operand<TFloat32> w = inferenceWeights(ctx.tf(), false);
    ctx.diagnostic(path + "/expert_weights", w);
    return fusedForward(ctx, x, w);
  }

  @Override
  protected Operand<TFloat32> inferenceWeights(Ops tf, boolean down) {
    return settings.normalizedWeights() ? tf.nn.softmax(weights.read()) : weights.read();
  }
}
