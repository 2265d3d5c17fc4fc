package io.expertize.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Prepares batches {@code [from, to)} of a {@link BatchSource} on a background daemon thread,
 * at most {@code prefetch} ahead, so data preparation overlaps with the model's compute.
 *
 * <p>A failure on the producer thread is rethrown by {@link #next()} as a {@link DataException}
 * naming the step, with the original as its cause. {@link #close()} stops the thread; use
 * try-with-resources. Consumed batches may be handed back with {@link #recycle} to reuse
 * their arrays (only when the caller no longer reads them). One consumer thread.
 */
public final class BatchPipeline<B> implements Iterator<B>, AutoCloseable {
  private static final long JOIN_MILLIS = 5_000;

  /** What the producer hands over: a batch, the end, or a failure. */
  private sealed interface Item permits Ready, End, Failed {}

  private record Ready<B>(B batch) implements Item {}

  private record End() implements Item {}

  private record Failed(long step, Throwable error) implements Item {}

  private final BatchSource<B> source;
  private final BlockingQueue<Item> queue;
  private final BlockingQueue<B> free;
  private final Thread thread;
  private volatile boolean closed;
  private Item pending;
  private boolean finished;

  private BatchPipeline(BatchSource<B> source, long from, long to, int prefetch) {
    this.source = source;
    this.queue = new ArrayBlockingQueue<>(prefetch);
    this.free = new ArrayBlockingQueue<>(prefetch + 2);
    this.thread = new Thread(() -> produce(from, to), "expertize-batch-prefetch");
    this.thread.setDaemon(true);
  }

  /**
   * Starts prefetching steps {@code [from, to)}.
   *
   * @param prefetch queue capacity, in [1, 16] (2 to 4 is plenty)
   */
  public static <B> BatchPipeline<B> start(BatchSource<B> source, long from, long to, int prefetch) {
    if (prefetch < 1 || prefetch > 16) {
      throw new IllegalArgumentException("prefetch must be in [1, 16], got " + prefetch);
    }
    if (from < 0 || to < from || to > source.stepCount()) {
      throw new IllegalArgumentException(
          "steps [" + from + ", " + to + ") are outside [0, " + source.stepCount() + "]");
    }
    BatchPipeline<B> pipeline = new BatchPipeline<>(source, from, to, prefetch);
    pipeline.thread.start();
    return pipeline;
  }

  private void produce(long from, long to) {
    long step = from;
    try {
      for (; step < to && !closed; step++) {
        queue.put(new Ready<>(source.batchAt(step, free.poll())));
      }
      queue.put(new End());
    } catch (InterruptedException e) {
      // close() interrupted us: the consumer is gone, nothing to report.
    } catch (Throwable t) {
      try {
        queue.put(new Failed(step, t));
      } catch (InterruptedException ignored) {
        // closed while reporting: nobody is left to tell.
      }
    }
  }

  @Override
  public boolean hasNext() {
    if (finished) {
      return false;
    }
    if (pending == null) {
      if (closed) {
        throw new IllegalStateException("batch pipeline is closed");
      }
      try {
        pending = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DataException("interrupted while waiting for the next batch", e);
      }
    }
    if (pending instanceof End) {
      finished = true;
      return false;
    }
    return true;
  }

  @Override
  public B next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more batches");
    }
    Item item = pending;
    pending = null;
    if (item instanceof Failed f) {
      finished = true;
      throw new DataException(
          "preparing the batch for step " + f.step() + " failed: " + f.error(), f.error());
    }
    @SuppressWarnings("unchecked") // only this pipeline's producer puts batches in the queue
    Ready<B> ready = (Ready<B>) item;
    return ready.batch();
  }

  /** Hands a consumed batch back so its arrays can be refilled; dropped if the pool is full. */
  public void recycle(B batch) {
    free.offer(batch);
  }

  /** True while the producer thread runs (for tests and diagnostics). */
  boolean isRunning() {
    return thread.isAlive();
  }

  /** Stops the producer and waits for it (bounded); idempotent. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    queue.clear(); // unblocks a producer stuck in put() even if it missed the interrupt
    try {
      thread.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
