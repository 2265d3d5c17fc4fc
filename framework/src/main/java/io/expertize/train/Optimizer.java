package io.expertize.train;

import io.expertize.graph.ModelVariable;
import io.expertize.graph.VariableStore;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Updates an explicit list of variables from their gradients (TF Java's own optimizers would train state). */
public interface Optimizer {
  /**
   * Adds the update ops, creating any slots in {@code store}.
   *
   * @param t 1-based index of the step being taken
   * @return one op per variable update, to be grouped by the caller
   */
  List<Op> update(Ops tf, VariableStore store, List<ModelVariable> vars, List<Operand<TFloat32>> grads,
      Operand<TFloat32> lr, Operand<TFloat32> t);
}
