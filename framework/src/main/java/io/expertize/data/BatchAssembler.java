package io.expertize.data;

/** Copies examples into a batch: normalised images, hard labels and smoothed one-hot targets. */
final class BatchAssembler {
  private final ImageDataset dataset;
  private final Normalization normalization;
  private final float[][] byteLut;
  private final LabelSmoothing smoothing;

  BatchAssembler(ImageDataset dataset, Normalization normalization, LabelSmoothing smoothing) {
    dataset.checkChannels(normalization);
    this.dataset = dataset;
    this.normalization = normalization;
    this.byteLut = dataset.isByteStorage() ? dataset.lookupTable(normalization) : null;
    this.smoothing = smoothing;
  }

  /** Fills a batch with {@code indices[0 .. count)}, reusing {@code reuse} if it fits. */
  Batch assemble(int[] indices, int count, Batch reuse, long step) {
    Batch batch = reuse != null && reuse.fits(count, dataset.shape(), dataset.numClasses())
        ? reuse
        : new Batch(count, dataset.shape(), dataset.numClasses());
    int[] labels = batch.labels();
    for (int i = 0; i < count; i++) {
      int index = indices[i];
      dataset.copyNormalized(index, normalization, byteLut, batch.images(), batch.imageOffset(i));
      labels[i] = dataset.label(index);
    }
    smoothing.fill(labels, count, dataset.numClasses(), batch.targets());
    batch.setStep(step);
    return batch;
  }
}
