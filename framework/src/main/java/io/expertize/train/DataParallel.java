package io.expertize.train;

import io.expertize.graph.VariablePlacement;
import java.util.List;
import java.util.Objects;
import org.tensorflow.DeviceSpec;

/**
 * Synchronous data parallelism in one graph: the chief's device (inputs, the batch split, evaluation,
 * checkpoints), one worker device per shard of the global batch (forward and backward of its shard),
 * and where the variables and optimizer slots live.
 */
public record DataParallel(DeviceSpec chief, List<DeviceSpec> workers, VariablePlacement variables) {
  public DataParallel {
    Objects.requireNonNull(chief);
    workers = List.copyOf(workers);
    Objects.requireNonNull(variables);
    if (workers.isEmpty()) {
      throw new IllegalArgumentException("data parallelism needs at least one worker");
    }
  }

  /** The device string TensorFlow reads for a device spec, {@code /job:worker/replica:0/task:1}. */
  public static String deviceString(DeviceSpec d) {
    return "/job:" + d.job() + "/replica:0/task:" + d.task();
  }

  /** A task's CPU: {@code /job:<job>/replica:0/task:<index>}. */
  public static DeviceSpec task(String job, int index) {
    return DeviceSpec.newBuilder().job(job).replica(0).task(index).build();
  }
}
