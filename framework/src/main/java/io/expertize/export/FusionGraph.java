package io.expertize.export;

import io.expertize.experts.ExpertPlan;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.Param;
import io.expertize.graph.VariableStore;
import io.expertize.graph.CheckpointIndex;
import io.expertize.graph.ModelVariable;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
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
  private static final int LISTED = 8;

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
   * @throws CheckpointException naming each variable the checkpoint lacks or holds in another shape
   */
  void restore(Checkpoint checkpoint, String what) {
    Map<String, CheckpointIndex.Entry> found;
    try {
      found = CheckpointIndex.read(checkpoint.variablesPrefix());
    } catch (IOException e) {
      throw new CheckpointException(checkpoint.path(), "cannot read its variable index: " + e.getMessage(), e);
    }
    List<String> wrong = new ArrayList<>();
    for (ModelVariable v : variables.all()) {
      CheckpointIndex.Entry f = found.get(v.name());
      String want = Arrays.toString(v.variable().shape().asArray());
      if (f == null) {
        wrong.add("  " + v.name() + " " + want + ": not in the checkpoint");
      } else if (!Arrays.equals(f.shape().asArray(), v.variable().shape().asArray())) {
        wrong.add("  " + v.name() + ": expected " + want + ", the checkpoint has " + f);
      }
    }
    if (!wrong.isEmpty()) {
      List<String> lines = new ArrayList<>(List.of("does not hold the variables of " + what + ":"));
      lines.addAll(wrong.subList(0, Math.min(LISTED, wrong.size())));
      if (wrong.size() > LISTED) {
        lines.add("  ... and " + (wrong.size() - LISTED) + " more");
      }
      lines.add("Was the run's config.yaml edited after training, or is the checkpoint from another run?");
      throw new CheckpointException(checkpoint.path(), String.join("\n", lines));
    }
    try {
      session.restore(checkpoint.variablesPrefix().toString());
    } catch (RuntimeException e) { // TF's exceptions extend IllegalArgument/IllegalState as well as TensorFlowException
      throw new CheckpointException(checkpoint.path(), "TensorFlow could not restore the variables of " + what
          + ": " + e.getMessage(), e);
    }
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
