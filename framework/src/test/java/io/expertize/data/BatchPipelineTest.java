package io.expertize.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchPipelineTest {
  private static final ImageShape SHAPE = new ImageShape(4, 4, 1);

  /** Batches whose label 0 is the step; fails at {@code failAt}. */
  private static final class Counting implements BatchSource<Batch> {
    final AtomicInteger made = new AtomicInteger();
    final long failAt;

    Counting(long failAt) {
      this.failAt = failAt;
    }

    @Override
    public Batch batchAt(long step, Batch reuse) {
      if (step == failAt) {
        throw new IllegalStateException("boom at " + step);
      }
      made.incrementAndGet();
      Batch batch = reuse != null ? reuse : new Batch(2, SHAPE, 3);
      batch.labels()[0] = (int) step;
      batch.setStep(step);
      return batch;
    }

    @Override
    public long stepCount() {
      return Long.MAX_VALUE;
    }
  }

  @Test
  void deliversStepsInOrderThenEnds() {
    try (BatchPipeline<Batch> pipeline = BatchPipeline.start(new Counting(-1), 5, 25, 2)) {
      for (int step = 5; step < 25; step++) {
        assertThat(pipeline.hasNext()).isTrue();
        Batch batch = pipeline.next();
        assertThat(batch.labels()[0]).isEqualTo(step);
        pipeline.recycle(batch);
      }
      assertThat(pipeline.hasNext()).isFalse();
    }
  }

  @Test
  void producerFailureReachesTheConsumerAndStopsTheThread() throws InterruptedException {
    BatchPipeline<Batch> pipeline = BatchPipeline.start(new Counting(3), 0, 10, 2);
    for (int step = 0; step < 3; step++) {
      assertThat(pipeline.next().step()).isEqualTo(step);
    }
    assertThatThrownBy(pipeline::next)
        .isInstanceOf(DataException.class)
        .hasMessageContaining("step 3")
        .hasMessageContaining("boom at 3")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(pipeline.hasNext()).isFalse();
    pipeline.close();
    assertThat(pipeline.isRunning()).isFalse();
  }

  @Test
  void closeStopsAProducerBlockedOnAFullQueue() throws InterruptedException {
    Counting source = new Counting(-1);
    BatchPipeline<Batch> pipeline = BatchPipeline.start(source, 0, Long.MAX_VALUE, 2);
    pipeline.next();
    Thread.sleep(50); // let the producer fill the queue and block
    assertThat(source.made.get()).isLessThanOrEqualTo(4); // bounded: 1 taken + 2 queued + 1 in put
    pipeline.close();
    assertThat(pipeline.isRunning()).isFalse();
    assertThatThrownBy(pipeline::next).isInstanceOf(IllegalStateException.class);
  }
}
