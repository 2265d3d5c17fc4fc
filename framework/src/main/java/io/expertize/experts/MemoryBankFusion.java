package io.expertize.experts;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Initializer;
import io.expertize.graph.ModelVariable;
import io.expertize.graph.VariableStore;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.Linear;
import io.expertize.nn.LinearKernel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * ExFusion mb (docs/methods.md section 1). Each training step a router scores the FFN's input tokens,
 * {@code W = mean softmax(G(x))}, the bank moves {@code M = δ·stopgrad(M) + (1-δ)·W}, the experts
 * are fused with the new {@code M}, and {@code M} is stored once the step's gradients exist. The router
 * learns only through the {@code (1-δ)·W} term. Evaluation and export read {@code M}, never update it.
 * {@code W} is a mean over the global batch also when the batch is split over data-parallel shards.
 *
 * <p>Shared router (default): one router serves the up and down sets. Unshared: the down projection
 * has its own router and bank, fed by its input (the hidden activation). The bank starts at zero as
 * published; {@code biasCorrectedBank} reads {@code M / (1 - δ^t)} instead (t = bank updates so far).
 */
final class MemoryBankFusion extends ExpertSet {
  private Bank up;
  private Bank down; // null when the router is shared
  private ModelVariable updates; // bank updates so far, when bias-corrected

  MemoryBankFusion(String path, FeedForwardNetwork ffn, int experts, FusionSettings settings) {
    super(path, ffn, experts, settings);
  }

  /** A router with its momentum bank. */
  private record Bank(Router router, ModelVariable memory, String label) {}

  @Override
  protected void declareOwn(VariableStore store) {
    up = new Bank(new Router(store, path + ".router", ffn.dim(), experts),
        store.addState(path + ".bank", perExpert(), Initializer.zeros()), "");
    if (!settings.sharedRouter()) {
      List<StackedProjection> p = projections();
      long hidden = p.get(p.size() - 1).layer().in();
      down = new Bank(new Router(store, path + ".router_down", hidden, experts),
          store.addState(path + ".bank_down", perExpert(), Initializer.zeros()), "_down");
    }
    if (settings.biasCorrectedBank()) {
      updates = store.addState(path + ".bank_updates", Shape.scalar(), Initializer.zeros());
    }
  }

  @Override
  public Operand<TFloat32> forward(ForwardContext ctx, FeedForwardNetwork ffn, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    if (!ctx.training()) {
      return down == null ? fusedForward(ctx, x, read(tf, up)) : split(ctx, x, read(tf, up), h -> read(tf, down));
    }
    // t counts bank updates including this step's, for the bias-corrected read

    Operand<TFloat32> t = null;
    if (updates != null) {
      t = tf.math.add(updates.read(), tf.constant(1f));
      ctx.updateState(updates.variable(), t);
    }
    Operand<TFloat32> updatesSoFar = t;
    Operand<TFloat32> wUp = step(ctx, up, x, updatesSoFar);
    if (down == null) {
      return fusedForward(ctx, x, wUp);
    }
    return split(ctx, x, wUp, h -> step(ctx, down, h, updatesSoFar));
  }

  @Override
  protected Operand<TFloat32> inferenceWeights(Ops tf, boolean downProjection) {
    return read(tf, downProjection && down != null ? down : up);
  }

  /** One training step of a bank: route, move the bank, return the weights this step fuses with. */
  private Operand<TFloat32> step(ForwardContext ctx, Bank bank, Operand<TFloat32> x, Operand<TFloat32> t) {
    Ops tf = ctx.tf();
    Router.Routing routing = bank.router().route(tf, x);
    float delta = (float) settings.momentum();
    Operand<TFloat32> moved = tf.math.add(
        tf.math.mul(tf.constant(delta), tf.stopGradient(bank.memory().read())),
        tf.math.mul(tf.constant(1f - delta), ctx.batchMean(path + "/router_mean" + bank.label(), routing.meanProbs(tf))));
    ctx.updateState(bank.memory().variable(), moved);
    Operand<TFloat32> w = t == null ? moved : corrected(tf, moved, t);
    ctx.diagnostic(path + "/expert_weights" + bank.label(), w);
    ctx.diagnostic(path + "/router_entropy" + bank.label(), routing.meanEntropy(tf));
    return w;
  }

  private Operand<TFloat32> read(Ops tf, Bank bank) {
    Operand<TFloat32> m = bank.memory().read();
    return updates == null ? m : corrected(tf, m, updates.read());
  }

  /** {@code M / (1 - δ^t)}; before any update (t = 0) the bank is zero and stays zero. */
  private Operand<TFloat32> corrected(Ops tf, Operand<TFloat32> m, Operand<TFloat32> t) {
    Operand<TFloat32> debias = tf.math.sub(tf.constant(1f), tf.math.pow(tf.constant((float) settings.momentum()), t));
    return tf.math.div(m, tf.math.maximum(debias, tf.constant(Float.MIN_NORMAL)));
  }

  /** Up projections fused with {@code wUp}; the down projection with weights computed from its input. */
  private Operand<TFloat32> split(
      ForwardContext ctx, Operand<TFloat32> x, Operand<TFloat32> wUp,
      Function<Operand<TFloat32>, Operand<TFloat32>> downWeights) {
    List<StackedProjection> p = projections();
    Map<Linear, Object> kernels = new LinkedHashMap<>();
    for (StackedProjection proj : p.subList(0, p.size() - 1)) {
      kernels.put(proj.layer(), proj.fusedKernel(wUp));
    }
    StackedProjection last = p.get(p.size() - 1);
    LinearKernel downKernel = (c, h) -> last.fusedKernel(downWeights.apply(h)).apply(c, h);
    kernels.put(last.layer(), downKernel);
    return ffn.compute(ctx.withOverrides(kernels), x);
  }
}
