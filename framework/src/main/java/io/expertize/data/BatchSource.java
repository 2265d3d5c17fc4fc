package io.expertize.data;

/**
 * A deterministic function from a step (or batch index) to a batch: the same step always gives
 * the same batch, which is what makes resuming and prefetching safe.
 *
 * @param <B> the batch type: image {@link Batch}es, token batches, ...
 */
public interface BatchSource<B> {

  /**
   * The batch at {@code step}, written into {@code reuse} when its layout fits (else a new one).
   *
   * @param reuse a batch whose arrays may be overwritten, or null
   */
  B batchAt(long step, B reuse);

  default B batchAt(long step) {
    return batchAt(step, null);
  }

  /** Number of steps available, or {@link Long#MAX_VALUE} for an endless training stream. */
  long stepCount();
}
