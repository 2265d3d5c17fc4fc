package io.expertize.train;

import io.expertize.data.EpochBatches;
import io.expertize.graph.Module;
import java.util.List;

/**
 * What a run teaches a model: the model, its part of the training graph, and the data it is fed,
 * as batches that are a pure function of the step (so resuming repeats an uninterrupted run).
 * {@link ImageClassificationTask} classifies images; text-to-text models have their own.
 *
 * @param <B> the batch type
 */
public interface Task<B> {
  Module model();

  /** Input placeholders, training loss and evaluation outputs in a new training graph. */
  TaskGraph<B> attach(Passes passes);

  /** The training stream: the batch of every global step, endless. */
  EpochBatches<B> trainBatches(TrainSettings settings);

  /** The held-out split, every example once, in order. */
  Iterable<B> evalBatches(TrainSettings settings);

  /** Examples in a batch (throughput). */
  int examples(B batch);

  /** The names of the classes a classifier predicts, in label order; none for other tasks. */
  default List<String> classNames() {
    return List.of();
  }

  /**
   * The images the data left out because they could not be decoded ({@code data.skip-bad-images}), each as
   * {@code "source: reason"}; none for other tasks.
   */
  default List<String> skippedImages() {
    return List.of();
  }

  /** What {@link #examples} counts: images, sequences. */
  default ExampleUnit exampleUnit() {
    return ExampleUnit.EXAMPLES;
  }
}
