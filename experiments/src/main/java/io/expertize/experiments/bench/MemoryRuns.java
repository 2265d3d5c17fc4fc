package io.expertize.experiments.bench;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One configuration's memory measured in several child JVMs ({@link StepMemory} each). The tensor
 * peak of the same graph moves between processes by tens of MB (up to ~150 MB seen here at 197 tokens
 * x 128): oneDNN's BFC allocator counts whole chunks, and which free chunk (up to twice the request)
 * serves an allocation depends on the history of the process. Medians over runs, with the range,
 * are what the report gives.
 */
public record MemoryRuns(List<StepMemory> runs) {

  public MemoryRuns {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no memory runs");
    }
    runs = List.copyOf(runs);
  }

  public long trainingParameters() {
    return runs.get(0).trainingParameters();
  }

  public long variableBytes() {
    return runs.get(0).variableBytes();
  }

  /** Median over runs of the tensor peak. */
  public long tensorPeakBytes() {
    return median(StepMemory::tensorPeakBytes);
  }

  public long tensorPeakMinBytes() {
    return runs.stream().mapToLong(StepMemory::tensorPeakBytes).min().orElseThrow();
  }

  public long tensorPeakMaxBytes() {
    return runs.stream().mapToLong(StepMemory::tensorPeakBytes).max().orElseThrow();
  }

  /** Median over runs of the process's peak resident set. */
  public long processPeakBytes() {
    return median(StepMemory::processPeakBytes);
  }

  public long processBaselineBytes() {
    return median(StepMemory::processBaselineBytes);
  }

  private long median(ToLongFunction<StepMemory> f) {
    return Math.round(new Samples(runs.stream().mapToDouble(m -> f.applyAsLong(m)).toArray()).median());
  }
}
