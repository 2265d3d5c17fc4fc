package io.expertize.data.text;

import io.expertize.data.EpochBatches;
import io.expertize.data.EpochSampler;
import java.util.stream.IntStream;

/**
 * Batches of span-corruption examples: an endless training stream in the order of an
 * {@link EpochSampler} (a pure function of seed and step, like the image batches), or a held-out
 * split once in order, the last batch partial.
 */
public final class SpanCorruptionBatches implements EpochBatches<TextBatch> {
  private final SpanCorruptionDataset data;
  private final EpochSampler sampler;

  /** Training over the first {@code examples} examples. */
  public SpanCorruptionBatches(SpanCorruptionDataset data, int examples, int batchSize, long seed) {
    this.data = data;
    this.sampler = new EpochSampler(examples, batchSize, seed);
  }

  @Override
  public int batchesPerEpoch() {
    return sampler.batchesPerEpoch();
  }

  @Override
  public TextBatch batchAt(long step, TextBatch reuse) {
    return batch(data, sampler.indicesAt(step));
  }

  /** The first {@code examples} examples once, in order. */
  public static Iterable<TextBatch> evaluation(SpanCorruptionDataset data, int examples, int batchSize) {
    return () -> IntStream.iterate(0, start -> start < examples, start -> start + batchSize)
        .mapToObj(start -> batch(data, IntStream.range(start, Math.min(examples, start + batchSize)).toArray()))
        .iterator();
  }

  private static TextBatch batch(SpanCorruptionDataset data, int[] indices) {
    int li = data.inputsLength();
    int lt = data.targetsLength();
    int[] inputs = new int[indices.length * li];
    int[] targets = new int[indices.length * lt];
    for (int b = 0; b < indices.length; b++) {
      int[][] example = data.padded(indices[b]);
      System.arraycopy(example[0], 0, inputs, b * li, li);
      System.arraycopy(example[1], 0, targets, b * lt, lt);
    }
    return new TextBatch(indices.length, li, lt, inputs, targets);
  }
}
