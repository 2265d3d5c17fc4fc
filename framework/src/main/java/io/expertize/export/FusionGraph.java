package io.expertize.export;

import io.expertize.experts.ExpertPlan;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.Param;
import io.expertize.graph.VariableStore;
import io.expertize.train.io.Checkpoint;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * The trained model as the run left it (experts, routers, banks: no optimizer), restored from a
 * checkpoint, with two jobs: write the fused dense parameters as a checkpoint keyed by the dense
 * model's variable names, and compute the trained model's answers on the {@link Serving}'s probe
 * so the export can be checked against what was trained.
 */
final class FusionGraph implements AutoCloseable {
  private final Graph graph = new Graph();
  private final VariableStore variables;
  private final Session session;
  private final Placeholder<TString> prefix;
  private final Op saveFused;
  private final Probe probe;

  FusionGraph(Module model, ExpertPlan plan, Serving serving) {
    Ops tf = Ops.create(graph);
    ModuleTree tree = ModuleTree.of(model);
    variables = new VariableStore(tf, 0);
    plan.declare(variables, tree);

    Map<String, Operand<TFloat32>> fused = plan.fusedParameters(tf.withSubScope("fused"), tree, variables);
    prefix = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    saveFused = VariableSaver.save(tf, prefix, fused);

    Map<Param, Operand<TFloat32>> fusedByParam = new IdentityHashMap<>();
    tree.params().forEach(np -> fusedByParam.put(np.param(), fused.get(np.path())));
    ForwardContext trained = ForwardContext.inference(tf, variables).withOverrides(plan.overrides());
    probe = serving.probe(tf, trained, fusedByParam::get);
    session = new Session(graph);
  }

  /**
   * Restores this graph's variables from {@code checkpoint} (its optimizer slots are ignored).
   *
   * @param what the model and scheme, as the error should name them
   * @throws io.expertize.train.io.CheckpointException naming each variable the checkpoint lacks or holds in another shape
   */
  void restore(Checkpoint checkpoint, String what) {
    CheckpointRestore.restore(session, variables, checkpoint, what);
  }

  /** Writes the dense model's parameters, fused, as a TF checkpoint at {@code target} (a prefix). */
  void writeFused(Path target) {
    try (TString p = TString.scalarOf(target.toString())) {
      session.runner().feed(prefix, p).addTarget(saveFused).run();
    }
  }

  /** The probe, its answers computed from the restored trained model. */
  Probe expectedAnswers() {
    probe.expect(session);
    return probe;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
