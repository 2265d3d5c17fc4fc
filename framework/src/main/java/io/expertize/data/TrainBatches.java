package io.expertize.data;

import java.util.List;

/**
 * The training stream: the batch at global step {@code s} is the {@link EpochSampler}'s indices
 * for {@code s}, normalised, with smoothed targets, then augmented with random streams derived
 * from (seed, s, augmentation name). It is a pure function of {@code s}: resuming at step
 * {@code s} yields exactly the batches of an uninterrupted run. Full batches only.
 *
 * <p>Thread-safe as long as each call gets its own {@code reuse} batch.
 */
public final class TrainBatches implements EpochBatches<Batch> {
  private final EpochSampler sampler;
  private final BatchAssembler assembler;
  private final List<Augmentation> augmentations;
  private final long seed;

  public TrainBatches(
      ImageDataset dataset, int batchSize, long seed, Normalization normalization,
      AugmentationSettings settings) {
    this(dataset, batchSize, seed, normalization, settings.smoothing(), settings.build(normalization));
  }

  /** With an explicit list of augmentations, applied in order. */
  public TrainBatches(
      ImageDataset dataset, int batchSize, long seed, Normalization normalization,
      LabelSmoothing smoothing, List<Augmentation> augmentations) {
    this.sampler = new EpochSampler(dataset.size(), batchSize, seed);
    this.assembler = new BatchAssembler(dataset, normalization, smoothing);
    this.augmentations = List.copyOf(augmentations);
    this.seed = seed;
  }

  public EpochSampler sampler() {
    return sampler;
  }

  @Override
  public int batchesPerEpoch() {
    return sampler.batchesPerEpoch();
  }

  @Override
  public Batch batchAt(long globalStep, Batch reuse) {
    int[] indices = sampler.indicesAt(globalStep);
    Batch batch = assembler.assemble(indices, indices.length, reuse, globalStep);
    for (Augmentation augmentation : augmentations) {
      augmentation.apply(batch, Seeds.random(seed, globalStep, augmentation.name().hashCode()));
    }
    return batch;
  }
}
