package io.expertize.data;

import java.util.SplittableRandom;

/**
 * The training order: epoch {@code e} visits the examples in a permutation determined only by
 * (seed, e), and global step {@code s} takes batch {@code s % batchesPerEpoch} of epoch
 * {@code s / batchesPerEpoch}. The last partial batch of each epoch is dropped, so every step
 * has a full batch and resuming at any step reproduces the uninterrupted run. Thread-safe.
 */
public final class EpochSampler {
  private static final long PERMUTATION_STREAM = 0x5045524DL; // "PERM"

  private final int datasetSize;
  private final int batchSize;
  private final long seed;
  private volatile Cached cached; // the last epoch's permutation: steps arrive in order

  private record Cached(long epoch, int[] permutation) {}

  public EpochSampler(int datasetSize, int batchSize, long seed) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (datasetSize < batchSize) {
      throw new IllegalArgumentException(
          "dataset of " + datasetSize + " examples is smaller than one batch of " + batchSize
              + "; expected at least batchSize examples for training");
    }
    this.datasetSize = datasetSize;
    this.batchSize = batchSize;
    this.seed = seed;
  }

  public int batchSize() {
    return batchSize;
  }

  public int datasetSize() {
    return datasetSize;
  }

  /** Full batches per epoch ({@code datasetSize / batchSize}, the remainder is dropped). */
  public int batchesPerEpoch() {
    return datasetSize / batchSize;
  }

  public long epochOf(long globalStep) {
    checkStep(globalStep);
    return globalStep / batchesPerEpoch();
  }

  /** A fresh copy of epoch {@code epoch}'s order (Fisher-Yates with a (seed, epoch) stream). */
  public int[] permutation(long epoch) {
    return permutationShared(epoch).clone();
  }

  private int[] permutationShared(long epoch) {
    Cached c = cached;
    if (c != null && c.epoch == epoch) {
      return c.permutation;
    }
    int[] perm = new int[datasetSize];
    for (int i = 0; i < datasetSize; i++) {
      perm[i] = i;
    }
    SplittableRandom random = Seeds.random(seed, PERMUTATION_STREAM, epoch);
    for (int i = datasetSize - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    cached = new Cached(epoch, perm);
    return perm;
  }

  /** The dataset indices of the batch at {@code globalStep}. */
  public int[] indicesAt(long globalStep) {
    int[] out = new int[batchSize];
    indicesAt(globalStep, out);
    return out;
  }

  /** Writes the batch's dataset indices into {@code out[0 .. batchSize)}. */
  public void indicesAt(long globalStep, int[] out) {
    long epoch = epochOf(globalStep);
    int start = (int) (globalStep % batchesPerEpoch()) * batchSize;
    System.arraycopy(permutationShared(epoch), start, out, 0, batchSize);
  }

  private static void checkStep(long globalStep) {
    if (globalStep < 0) {
      throw new IllegalArgumentException("global step must be >= 0, got " + globalStep);
    }
  }
}
