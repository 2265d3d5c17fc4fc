package io.expertize.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A graph variable with its role. {@code read} is the Identity through which every consumer reads
 * it (TF Java crashes adding gradients for ops applied directly to a VariableV2 output). Trainable
 * variables have a {@link ParamKind} (it decides weight decay); state and slots have none.
 */
public record ModelVariable(String name, Role role, Variable<TFloat32> variable, Operand<TFloat32> read, ParamKind kind) {

  /** Trainable parameters, state updated outside the optimizer (memory bank, EMA), optimizer slots. */
  public enum Role { TRAINABLE, STATE, SLOT }

  public long size() {
    return variable.shape().size();
  }
}
