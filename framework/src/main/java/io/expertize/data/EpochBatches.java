package io.expertize.data;

/**
 * An endless training stream whose steps group into epochs of full batches: step {@code s} belongs
 * to epoch {@code s / batchesPerEpoch()}.
 */
public interface EpochBatches<B> extends BatchSource<B> {
  int batchesPerEpoch();

  @Override
  default long stepCount() {
    return Long.MAX_VALUE;
  }
}
