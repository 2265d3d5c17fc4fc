package io.expertize.experts;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Initializer;
import io.expertize.graph.ModelVariable;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.Param;
import io.expertize.graph.VariableStore;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.FeedForwardOverride;
import io.expertize.nn.Linear;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.expertize.graph.Initializer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The N experts that stand in for one feed-forward network during training: every projection of
 * the FFN becomes a stacked variable of N experts, named after the dense parameter with
 * {@code experts.} after the FFN's path ({@code blocks.3.mlp.experts.fc1.weight}, shape
 * {@code [N, out, in]}). Subclasses are the schemes: how the experts compute a step, and which dense
 * FFN they fuse into.
 */
public abstract class ExpertSet implements FeedForwardOverride {
  protected final String path;
  protected final FeedForwardNetwork ffn;
  protected final int experts;
  protected final FusionSettings settings;
  private final List<StackedProjection> projections = new ArrayList<>();

  protected ExpertSet(String path, FeedForwardNetwork ffn, int experts, FusionSettings settings) {
    if (experts < 2) {
      throw new IllegalArgumentException(path + ": an expert set needs at least 2 experts; 1 is the dense FFN");
    }
    this.path = path;
    this.ffn = ffn;
    this.experts = experts;
    this.settings = settings;
  }

  /** Path of the FFN this set replaces ({@code blocks.3.mlp}). */
  public String path() {
    return path;
  }

  public int experts() {
    return experts;
  }

  public FeedForwardNetwork ffn() {
    return ffn;
  }

  /** Whether {@code p} is a parameter of the replaced FFN (the set declares its own in its place). */
  public boolean replaces(Param p) {
    for (Linear l : ffn.projections()) {
      if (l.weight() == p || l.bias() == p) {
        return true;
      }
    }
    return false;
  }

  /**
   * Creates the stacked experts and the scheme's own variables (router, weights, bank) in the store's
   * graph. A plan may serve several graphs in turn (train, evaluate, export): each declare replaces
   * the previous graph's variables.
   */
  public final void declare(VariableStore store, ModuleTree tree) {
    projections.clear();
    for (Linear l : ffn.projections()) {
      String w = tree.pathOf(l.weight());
      String b = l.bias() == null ? null : tree.pathOf(l.bias());
      projections.add(new StackedProjection(l, w, stack(store, w, l.weight()), b, b == null ? null : stack(store, b, l.bias())));
    }
    declareOwn(store);
  }

  /** Variables the scheme adds besides the experts. */
  protected void declareOwn(VariableStore store) {}

  /** The stacked projections, input side first; the last one is the down projection. */
  protected final List<StackedProjection> projections() {
    return Collections.unmodifiableList(projections);
  }

  /** Stacked variables (experts, dimension 0) that weight averaging acts on. */
  public final List<ModelVariable> expertVariables() {
    List<ModelVariable> vars = new ArrayList<>();
    for (StackedProjection p : projections) {
      vars.add(p.weight());
      if (p.bias() != null) {
        vars.add(p.bias());
      }
    }
    return vars;
  }

  /**
   * The dense FFN's parameters, keyed by their dense paths, as the deployed model will hold them.
   * Built in an inference scope: reads state, never updates it.
   */
  public final Map<String, Operand<TFloat32>> fusedParameters(Ops tf) {
    Operand<TFloat32> up = inferenceWeights(tf, false);
    Operand<TFloat32> down = inferenceWeights(tf, true);
    Map<String, Operand<TFloat32>> out = new LinkedHashMap<>();
    for (StackedProjection p : projections) {
      StackedProjection.Fused f = p.mix(tf, p == projections.get(projections.size() - 1) ? down : up);
      out.put(p.weightPath(), f.weight());
      if (p.bias() != null) {
        out.put(p.biasPath(), f.bias());
      }
    }
    return out;
  }

  /** Whether {@link #fusedParameters} reproduces the set's inference output exactly (not for top-k). */
  public boolean exactlyFusible() {
    return true;
  }

  /**
   * Mixing weights {@code [N]} of the deployed dense FFN (sw, EWA: the mean; dw: learned; mb: bank)
   * for its up projections, or for its down projection when {@code down}.
   */
  protected abstract Operand<TFloat32> inferenceWeights(Ops tf, boolean down);

  /** Runs the FFN with every projection fused by {@code w}: the compute of one dense FFN. */
  protected final Operand<TFloat32> fusedForward(ForwardContext ctx, Operand<TFloat32> x, Operand<TFloat32> w) {
    Map<Linear, Object> kernels = new LinkedHashMap<>();
    for (StackedProjection p : projections) {
      kernels.put(p.layer(), p.fusedKernel(w));
    }
    return ffn.compute(ctx.withOverrides(kernels), x);
  }

  /** Runs the FFN on {@code parts} ({@code [N, P, dim]}): expert i on slice i. */
  protected final Operand<TFloat32> stackedForward(ForwardContext ctx, Operand<TFloat32> parts) {
    Map<Linear, Object> kernels = new LinkedHashMap<>();
    for (StackedProjection p : projections) {
      kernels.put(p.layer(), p.stackedKernel());
    }
    return ffn.compute(ctx.withOverrides(kernels), parts);
  }

  /** {@code [N]} filled with 1/N: the plain mean of the experts. */
  protected final Operand<TFloat32> uniform(Ops tf) {
    return tf.fill(tf.constant(new int[] {experts}), tf.constant(1f / experts));
  }

  protected final Shape perExpert() {
    return Shape.of(experts);
  }

  /**
   * Initial values for the replaced FFN's own parameters: the plain mean of this set's experts as
   * they are drawn at step 0 (same names, so same seeds, and the same mixing ops as the fused
   * forward), for a dense model that starts where sw's fused FFN starts.
   */
  final Map<Param, Initializer> meanOfExpertsAtStart(VariableStore store, ModuleTree tree) {
    Map<Param, Initializer> initial = new IdentityHashMap<>();
    for (Linear l : ffn.projections()) {
      for (Param p : l.bias() == null ? List.of(l.weight()) : List.of(l.weight(), l.bias())) {
        long[] seed = store.seedFor(expertsName(tree.pathOf(p)));
        Shape stacked = stackedShape(p);
        initial.put(p, (tf, shape, ownSeed) ->
            StackedProjection.mix(tf, p.initializer().initialValue(tf, stacked, seed), stacked.asArray(), uniform(tf)));
      }
    }
    return initial;
  }

  private ModelVariable stack(VariableStore store, String densePath, Param p) {
    return store.addTrainable(expertsName(densePath), stackedShape(p), p.initializer(), p.kind());
  }

  /** {@code blocks.3.mlp.experts.fc1.weight} for {@code blocks.3.mlp.fc1.weight}. */
  private String expertsName(String densePath) {
    return path + ".experts." + densePath.substring(path.length() + 1);
  }

  private Shape stackedShape(Param p) {
    long[] dims = p.dims();
    long[] stacked = new long[dims.length + 1];
    stacked[0] = experts;
    System.arraycopy(dims, 0, stacked, 1, dims.length);
    return Shape.of(stacked);
  }
}
