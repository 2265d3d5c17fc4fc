/**
 * Datasets, augmentation, deterministic batching and prefetch for training on images.
 *
 * <p>Everything here is pure Java (no TensorFlow) except {@code data.folder}, which decodes image files
 * with TensorFlow's own ops so that training sees what the serving signature sees. Datasets come from
 * {@link io.expertize.data.DatasetProvider} services. The flow is one direction:
 * {@link io.expertize.data.IdxReader} / {@link io.expertize.data.FashionMnist} load an
 * {@link io.expertize.data.ImageDataset}; {@link io.expertize.data.TrainBatches} turns it into
 * the batch for a global step (order from {@link io.expertize.data.EpochSampler}, then the
 * {@link io.expertize.data.Augmentation}s); {@link io.expertize.data.BatchPipeline} prepares
 * batches on a background thread while the model computes.
 *
 * <p>Determinism: every random choice is a function of (seed, global step), so a run resumed at
 * step {@code s} sees exactly the batches an uninterrupted run would.
 */
package io.expertize.data;
