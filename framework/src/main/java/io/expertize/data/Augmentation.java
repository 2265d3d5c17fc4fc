package io.expertize.data;

import java.util.SplittableRandom;

/**
 * A training-time transform of a batch, in place. Given the same batch and a random stream in
 * the same state it must make the same choices: {@link TrainBatches} derives that stream from
 * (seed, global step, {@link #name()}), so adding or removing one augmentation leaves the
 * others' choices unchanged.
 */
public interface Augmentation {

  /** Stable name; also keys this augmentation's random stream. */
  String name();

  void apply(Batch batch, SplittableRandom random);
}
