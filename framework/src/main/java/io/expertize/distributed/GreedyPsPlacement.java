package io.expertize.distributed;

import io.expertize.graph.VariablePlacement;
import io.expertize.train.DataParallel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.DeviceSpec;
import org.tensorflow.ndarray.Shape;

/**
 * Spreads variables over the ps tasks by size, greedily: each variable goes to the task holding the
 * fewest scalars so far (ties: the lower index), in the order the graph declares them. Deterministic,
 * so every build of the same model on the same cluster places alike. Slots follow their variable
 * (see {@link VariablePlacement}), so a task's share is about three times its parameters with AdamW.
 */
public final class GreedyPsPlacement implements VariablePlacement {
  private final List<DeviceSpec> tasks = new ArrayList<>();
  private final long[] load;
  private final Map<String, Integer> assigned = new LinkedHashMap<>();

  public GreedyPsPlacement(int psTasks) {
    for (int i = 0; i < psTasks; i++) {
      tasks.add(DataParallel.task(ClusterSpec.PS, i));
    }
    load = new long[psTasks];
  }

  @Override
  public synchronized Optional<DeviceSpec> deviceFor(String name, Shape shape) {
    int best = 0;
    for (int i = 1; i < load.length; i++) {
      if (load[i] < load[best]) {
        best = i;
      }
    }
    load[best] += Math.max(1, shape.size());
    assigned.put(name, best);
    return Optional.of(tasks.get(best));
  }

  /** Scalars placed on each ps task so far. */
  public synchronized long[] load() {
    return load.clone();
  }

  /** The ps task index of each variable placed so far. */
  public synchronized Map<String, Integer> assignments() {
    return Map.copyOf(assigned);
  }
}
