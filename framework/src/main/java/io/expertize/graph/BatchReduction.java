package io.expertize.graph;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * How a training pass turns a statistic averaged over the examples it sees into the average over the
 * whole global batch. A single process sees the whole batch ({@link #WHOLE_BATCH}: the value itself);
 * a data-parallel shard combines its value with the other shards' (weighted by shard size), so that
 * state such as a memory bank moves exactly as in a single process.
 */
@FunctionalInterface
public interface BatchReduction {
  /** The pass sees the global batch: its mean is the batch mean. */
  BatchReduction WHOLE_BATCH = (key, shardMean) -> shardMean;

  /**
   * The batch mean of {@code shardMean}; {@code key} names the statistic (the same in every shard,
   * e.g. {@code blocks.1.mlp/router_mean}).
   */
  Operand<TFloat32> batchMean(String key, Operand<TFloat32> shardMean);
}
