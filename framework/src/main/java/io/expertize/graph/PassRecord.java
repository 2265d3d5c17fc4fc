package io.expertize.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * What a forward pass leaves besides its output: auxiliary losses to add to the training loss,
 * state variables to update once the step's gradients exist (a memory bank), and diagnostics the
 * graph reports about itself (expert weights, router entropy). The graph builder collects them.
 */
public final class PassRecord {
  /** A state variable's value after this step; written only after every gradient is computed. */
  public record StateUpdate(Variable<TFloat32> variable, Operand<TFloat32> value) {}

  private final Map<String, Operand<TFloat32>> auxLosses = new LinkedHashMap<>();
  private final List<StateUpdate> stateUpdates = new ArrayList<>();
  private final Map<String, Operand<TFloat32>> diagnostics = new LinkedHashMap<>();

  void addLoss(String name, Operand<TFloat32> scalar) {
    putOnce(auxLosses, name, scalar);
  }

  void addStateUpdate(Variable<TFloat32> variable, Operand<TFloat32> value) {
    stateUpdates.add(new StateUpdate(variable, value));
  }

  void addDiagnostic(String name, Operand<TFloat32> value) {
    putOnce(diagnostics, name, value);
  }

  public Map<String, Operand<TFloat32>> auxLosses() {
    return Collections.unmodifiableMap(auxLosses);
  }

  public List<StateUpdate> stateUpdates() {
    return Collections.unmodifiableList(stateUpdates);
  }

  /** Scalars or vectors keyed {@code <layer path>/<name>}, in the order the layers were built. */
  public Map<String, Operand<TFloat32>> diagnostics() {
    return Collections.unmodifiableMap(diagnostics);
  }

  private static void putOnce(Map<String, Operand<TFloat32>> map, String name, Operand<TFloat32> value) {
    if (map.putIfAbsent(name, value) != null) {
      throw new IllegalStateException("'" + name + "' is recorded twice in one pass: is a layer applied twice?");
    }
  }
}
