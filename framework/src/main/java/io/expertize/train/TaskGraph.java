package io.expertize.train;

import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * A task's part of one training graph: its input placeholders, the loss of the training pass and
 * the evaluation outputs of the inference pass, built from {@link Passes}. The optimizer, the
 * experts' auxiliary losses and state updates are the {@link TrainingGraph}'s.
 *
 * @param <B> the batches it is fed
 */
public interface TaskGraph<B> {
  /** The training pass's loss, a mean over the batch (auxiliary losses are added by the graph). */
  Operand<TFloat32> loss();

  /** The batch as tensors for this graph's placeholders. */
  Feeds feeds(B batch);

  /** The inference pass on one evaluation batch, reduced to sums. */
  EvalCounts evaluate(Session session, B batch);

  /** What {@link EvalCounts#count} counts, plural ({@code images}, {@code target tokens}). */
  String evalUnit();

  /** Builds a task's graph part; called once per graph. */
  @FunctionalInterface
  interface Factory<G> {
    G attach(Passes passes);
  }
}
