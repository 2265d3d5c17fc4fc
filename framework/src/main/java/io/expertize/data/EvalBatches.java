package io.expertize.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Evaluation batches: every example once, in dataset order, no augmentation, one-hot targets;
 * the last batch is partial when the size does not divide evenly.
 */
public final class EvalBatches implements BatchSource<Batch>, Iterable<Batch> {
  private final int size;
  private final int batchSize;
  private final BatchAssembler assembler;

  public EvalBatches(ImageDataset dataset, int batchSize, Normalization normalization) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    this.size = dataset.size();
    this.batchSize = batchSize;
    this.assembler = new BatchAssembler(dataset, normalization, LabelSmoothing.none());
  }

  /** {@code ceil(size / batchSize)}. */
  @Override
  public long stepCount() {
    return (size + (long) batchSize - 1) / batchSize;
  }

  @Override
  public Batch batchAt(long index, Batch reuse) {
    if (index < 0 || index >= stepCount()) {
      throw new IndexOutOfBoundsException(
          "eval batch " + index + " is outside [0, " + stepCount() + ")");
    }
    int start = (int) (index * batchSize);
    int count = Math.min(batchSize, size - start);
    int[] indices = new int[count];
    for (int i = 0; i < count; i++) {
      indices[i] = start + i;
    }
    return assembler.assemble(indices, count, reuse, index);
  }

  @Override
  public Iterator<Batch> iterator() {
    return new Iterator<>() {
      private long next;

      @Override
      public boolean hasNext() {
        return next < stepCount();
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return batchAt(next++, null);
      }
    };
  }
}
