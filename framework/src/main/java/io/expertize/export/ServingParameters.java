package io.expertize.export;

import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.graph.Param;
import io.expertize.graph.ParamSource;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The variables of a served dense model: one bare VariableV2 per parameter, named by its path like
 * the training graph's, with no initializer. A SavedModel restores them from {@code variables/};
 * random initializers, experts, routers and optimizer slots have no place in it.
 */
final class ServingParameters implements ParamSource {
  private final Map<String, Variable<TFloat32>> byPath = new LinkedHashMap<>();
  private final Map<Param, Operand<TFloat32>> reads = new IdentityHashMap<>();

  ServingParameters(Ops tf, ModuleTree tree) {
    for (NamedParam np : tree.params()) {
      Variable<TFloat32> v = tf.withName(np.path()).variable(np.param().shape(), TFloat32.class);
      byPath.put(np.path(), v);
      // Read through Identity as in training (gradients over a bare VariableV2 output crash TF Java),
      // and named like the training graph's reads.
      reads.put(np.param(), tf.withSubScope(np.path()).withName("read").identity(v));
    }
  }

  @Override
  public Operand<TFloat32> read(Param param) {
    Operand<TFloat32> r = reads.get(param);
    if (r == null) {
      throw new IllegalArgumentException("parameter " + param + " is not part of the exported model tree");
    }
    return r;
  }

  /** Every variable by path, in the model's walk order. */
  Map<String, Variable<TFloat32>> variables() {
    return byPath;
  }
}
