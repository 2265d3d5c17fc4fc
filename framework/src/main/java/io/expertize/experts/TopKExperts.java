package io.expertize.experts;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.VariableStore;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.Shapes;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The top-k mixture-of-experts baseline (docs/methods.md section 3): a router picks k experts per token,
 * experts have a capacity, overflow tokens skip the FFN, and a Switch load-balancing loss of weight λ
 * joins the training loss. Routing is the same in evaluation. The experts cannot be fused exactly:
 * {@link #fusedParameters} gives their mean, and {@link #exactlyFusible()} says so.
 */
final class TopKExperts extends ExpertSet {
  private Router router;

  TopKExperts(String path, FeedForwardNetwork ffn, int experts, FusionSettings settings) {
    super(path, ffn, experts, settings);
  }

  @Override
  protected void declareOwn(VariableStore store) {
    router = new Router(store, path + ".router", ffn.dim(), experts);
  }

  @Override
  public Operand<TFloat32> forward(ForwardContext ctx, FeedForwardNetwork ffn, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    Operand<TFloat32> tokens = tf.reshape(x, Shapes.of(tf, -1, ffn.dim()));
    Router.Routing routing = router.route(tf, tokens);
    TopKRouting dispatch = new TopKRouting(tf, routing.probs(), experts, settings.k(), settings.capacityFactor());
    Operand<TFloat32> y = dispatch.combine(tf, stackedForward(ctx, dispatch.dispatch(tf, tokens)));
    if (ctx.training()) {
      Operand<TFloat32> balance = dispatch.balanceLoss(tf, routing.meanProbs(tf));
      if (settings.balanceLossWeight() > 0) {
        ctx.addLoss(path + "/balance_loss", tf.math.mul(tf.constant((float) settings.balanceLossWeight()), balance));
      }
      ctx.diagnostic(path + "/load", dispatch.load(tf));
      ctx.diagnostic(path + "/dropped", dispatch.dropped(tf));
      ctx.diagnostic(path + "/balance_loss", balance);
      ctx.diagnostic(path + "/router_entropy", routing.meanEntropy(tf));
    }
    return tf.reshape(y, tf.shape(x));
  }

  @Override
  public boolean exactlyFusible() {
    return false;
  }

  @Override
  protected Operand<TFloat32> inferenceWeights(Ops tf, boolean down) {
    return uniform(tf);
  }
}
