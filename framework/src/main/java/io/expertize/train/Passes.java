package io.expertize.train;

import io.expertize.graph.ForwardContext;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Where a task builds its part of a training graph: the root scope (input placeholders), the
 * training pass (scope {@code train}: dropout on, randomness keyed on the step, experts in place) and
 * the inference pass (scope {@code eval}), both over the same variables. In a data-parallel graph
 * the training pass is split into shards: a task builds its training loss through
 * {@link #trainingLoss}, which builds it once per shard of the batch.
 */
public record Passes(Ops tf, ForwardContext training, ForwardContext inference, Optional<ShardedPass> sharded) {

  /** The passes of a single process: the training pass sees the whole batch. */
  public Passes(Ops tf, ForwardContext training, ForwardContext inference) {
    this(tf, training, inference, Optional.empty());
  }

  /** A training loss (a mean over its examples) of a batch's inputs, built in the given pass. */
  @FunctionalInterface
  public interface ShardLoss {
    Operand<TFloat32> build(ForwardContext training, List<Operand<?>> batchInputs);
  }

  /**
   * The training loss over the batch whose inputs (batch-major, all of the same length) are
   * {@code batchInputs}: {@code loss} built in the training pass, or, data-parallel, once per shard and
   * weighted by shard size.
   */
  public Operand<TFloat32> trainingLoss(List<Operand<?>> batchInputs, ShardLoss loss) {
    return sharded.map(s -> s.build(batchInputs, loss)).orElseGet(() -> loss.build(training, batchInputs));
  }

  /** The training pass over the whole batch; a data-parallel graph has none (see {@link #trainingLoss}). */
  @Override
  public ForwardContext training() {
    if (sharded.isPresent()) {
      throw new UnsupportedOperationException("this task builds its training pass directly; data-parallel training "
          + "needs a task that builds its loss through Passes.trainingLoss (image classification does)");
    }
    return training;
  }
}
