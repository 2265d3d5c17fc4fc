package io.expertize.graph;

import java.util.Optional;
import org.tensorflow.DeviceSpec;
import org.tensorflow.ndarray.Shape;

/**
 * Which device holds each variable of a {@link VariableStore}. A single process places nothing
 * ({@link #UNPLACED}); a cluster spreads variables over its parameter-server tasks. Optimizer slots
 * are not asked: they live with their variable (TF's update kernels take all three by reference).
 */
@FunctionalInterface
public interface VariablePlacement {
  VariablePlacement UNPLACED = (name, shape) -> Optional.empty();

  Optional<DeviceSpec> deviceFor(String name, Shape shape);
}
