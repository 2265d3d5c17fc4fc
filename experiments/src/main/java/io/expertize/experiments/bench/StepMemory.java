package io.expertize.experiments.bench;

import java.util.HashMap;
import java.util.Map;
import org.tensorflow.proto.AllocatorMemoryUsed;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.StepStats;

/**
 * Memory of one configuration's training step, measured in a process of its own
 * ({@link StepMemoryProbe}), so that nothing else lives in TensorFlow's allocator.
 *
 * @param trainingParameters scalars the optimizer trains
 * @param variableBytes every variable of the graph (parameters, state, Adam's two slots), fp32
 * @param tensorPeakBytes TensorFlow's CPU allocator: the most bytes in use at the end of any op of the
 *     traced steps (a {@code FULL_TRACE} step reports {@code allocator_bytes_in_use} per op). This is
 *     the step's peak of live tensors: variables and slots, the fed batch, activations kept for the
 *     backward pass, gradients. It samples at op ends, so an op's scratch space freed before it ends
 *     is missed.
 * @param processBaselineBytes resident set of the measuring process once TensorFlow was loaded and the
 *     batch made, before the graph was built ({@code VmRSS})
 * @param processPeakBytes the measuring process's peak resident set at the end ({@code VmHWM}): the
 *     above plus the graph, Grappler's rewrites, the allocator's pooling and the JVM
 */
public record StepMemory(
    long trainingParameters, long variableBytes, long tensorPeakBytes, long processBaselineBytes,
    long processPeakBytes) {

  /**
   * The most bytes TensorFlow's allocators held at the end of any op of a traced step (summed over
   * allocators when there are several: on CPU it is one, {@code mklcpu} with oneDNN).
   */
  public static long allocatorPeak(StepStats stats) {
    Map<String, Long> peak = new HashMap<>();
    for (DeviceStepStats device : stats.getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        for (AllocatorMemoryUsed m : node.getMemoryList()) {
          peak.merge(m.getAllocatorName(), m.getAllocatorBytesInUse(), Math::max);
        }
      }
    }
    return peak.values().stream().mapToLong(Long::longValue).sum();
  }
}
