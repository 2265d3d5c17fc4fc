package io.expertize.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {
  private static final ImageShape SHAPE = new ImageShape(8, 6, 1);
  private static final ImageDataset DATA = TestData.dataset(100, SHAPE, 5);
  private static final Normalization NORM = Normalization.of(0.3f, 0.4f);
  private static final AugmentationSettings ALL = AugmentationSettings.builder().cropPadding(2).hflip(true)
        .randomErasingProb(0.5).mixupAlpha(0.8).cutmixAlpha(1.0).build();

  @Test
  void sameSeedAndStepGiveTheSameBatch() {
    TrainBatches a = new TrainBatches(DATA, 16, 11, NORM, ALL);
    TrainBatches b = new TrainBatches(DATA, 16, 11, NORM, ALL);
    for (long step : new long[] {0, 5, 6, 123}) {
      assertSameBatch(a.batchAt(step), b.batchAt(step));
    }
    Batch other = new TrainBatches(DATA, 16, 12, NORM, ALL).batchAt(0);
    assertThat(other.images()).isNotEqualTo(a.batchAt(0).images());
  }

  @Test
  void reusingABatchGivesTheSameContent() {
    TrainBatches batches = new TrainBatches(DATA, 16, 11, NORM, ALL);
    Batch reused = batches.batchAt(3);
    Batch refilled = batches.batchAt(9, reused);
    assertThat(refilled).isSameAs(reused);
    assertSameBatch(refilled, batches.batchAt(9));
  }

  @Test
  void resumedRunMatchesUninterruptedRun() {
    TrainBatches batches = new TrainBatches(DATA, 16, 5, NORM, ALL);
    List<Batch> uninterrupted = new ArrayList<>();
    try (BatchPipeline<Batch> p = BatchPipeline.start(batches, 0, 20, 3)) {
      p.forEachRemaining(uninterrupted::add);
    }
    // A fresh process resuming at step 13 (new objects, no shared cache).
    TrainBatches resumedSource = new TrainBatches(DATA, 16, 5, NORM, ALL);
    List<Batch> resumed = new ArrayList<>();
    try (BatchPipeline<Batch> p = BatchPipeline.start(resumedSource, 13, 20, 2)) {
      p.forEachRemaining(resumed::add);
    }
    assertThat(resumed).hasSize(7);
    for (int i = 0; i < 7; i++) {
      assertThat(resumed.get(i).step()).isEqualTo(13 + i);
      assertSameBatch(resumed.get(i), uninterrupted.get(13 + i));
    }
  }

  @Test
  void withoutAugmentationBatchesAreNormalisedExamplesWithOneHotTargets() {
    TrainBatches batches = new TrainBatches(DATA, 10, 1, NORM, AugmentationSettings.none());
    Batch batch = batches.batchAt(4);
    int[] indices = batches.sampler().indicesAt(4);
    for (int i = 0; i < 10; i++) {
      int idx = indices[i];
      assertThat(batch.labels()[i]).isEqualTo(DATA.label(idx));
      for (int k = 0; k < SHAPE.size(); k += 7) {
        assertThat(batch.images()[batch.imageOffset(i) + k])
            .isCloseTo((DATA.pixel(idx, k) - 0.3f) / 0.4f, within(1e-5f));
      }
      for (int c = 0; c < 5; c++) {
        assertThat(batch.targets()[i * 5 + c]).isEqualTo(c == DATA.label(idx) ? 1f : 0f);
      }
    }
  }

  @Test
  void targetsAreSoftDistributionsUnderAllAugmentations() {
    TrainBatches batches = new TrainBatches(DATA, 16, 3, NORM, ALL);
    for (long step = 0; step < 30; step++) {
      Batch batch = batches.batchAt(step);
      for (int i = 0; i < batch.size(); i++) {
        float sum = 0;
        for (int c = 0; c < 5; c++) {
          assertThat(batch.targets()[i * 5 + c]).isBetween(0.1f / 5 - 1e-6f, 1f);
          sum += batch.targets()[i * 5 + c];
        }
        assertThat(sum).isCloseTo(1f, within(1e-5f));
      }
    }
  }

  @Test
  void evalVisitsEveryExampleInOrderWithAPartialLastBatch() {
    EvalBatches eval = new EvalBatches(DATA, 32, NORM);
    assertThat(eval.stepCount()).isEqualTo(4);
    List<Integer> labels = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (Batch batch : eval) {
      sizes.add(batch.size());
      for (int label : batch.labels()) {
        labels.add(label);
      }
    }
    assertThat(sizes).containsExactly(32, 32, 32, 4);
    for (int i = 0; i < 100; i++) {
      assertThat(labels.get(i)).isEqualTo(DATA.label(i));
    }
    Batch last = eval.batchAt(3);
    assertThat(last.images()[last.imageOffset(3) + 5])
        .isCloseTo((DATA.pixel(99, 5) - 0.3f) / 0.4f, within(1e-5f));
  }

  static void assertSameBatch(Batch actual, Batch expected) {
    assertThat(actual.step()).isEqualTo(expected.step());
    assertThat(actual.labels()).isEqualTo(expected.labels());
    assertThat(actual.images()).isEqualTo(expected.images());
    assertThat(actual.targets()).isEqualTo(expected.targets());
  }
}
