package io.expertize.experts;

import io.expertize.graph.ModelVariable;
import io.expertize.graph.VariableStore;
import io.expertize.train.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** An optimizer that leaves the variables {@code frozen} selects untouched (docs/methods.md 5.2, 5.3). */
record FrozenOptimizer(Optimizer inner, Predicate<String> frozen) implements Optimizer {
  @Override
  public List<Op> update(Ops tf, VariableStore store, List<ModelVariable> vars, List<Operand<TFloat32>> grads,
      Operand<TFloat32> lr, Operand<TFloat32> t) {
    List<ModelVariable> kept = new ArrayList<>();
    List<Operand<TFloat32>> keptGrads = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      if (!frozen.test(vars.get(i).name())) {
        kept.add(vars.get(i));
        keptGrads.add(grads.get(i));
      }
    }
    return inner.update(tf, store, kept, keptGrads, lr, t);
  }
}
