package io.expertize.train;

import io.expertize.graph.ModelVariable;
import io.expertize.graph.VariableStore;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Plain gradient descent {@code w -= lr · g}: the optimizer of the exact properties of docs/methods.md section 5. */
public final class Sgd implements Optimizer {
  @Override
  public List<Op> update(Ops tf, VariableStore store, List<ModelVariable> vars, List<Operand<TFloat32>> grads,
      Operand<TFloat32> lr, Operand<TFloat32> t) {
    Ops afterGrads = tf.withControlDependencyOps(grads.stream().map(g -> (org.tensorflow.Operation) g.op()).toList());
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      updates.add(afterGrads.train.applyGradientDescent(vars.get(i).variable(), lr, grads.get(i)));
    }
    return updates;
  }
}
