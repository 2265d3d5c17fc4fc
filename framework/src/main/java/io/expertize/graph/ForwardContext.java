package io.expertize.graph;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * What a forward pass needs besides its input: the ops factory, whether this is a training pass
 * (dropout, stochastic depth), where parameters come from, and the step the randomness is keyed on.
 *
 * <p>Training randomness is stateless: each random op draws from {@code (step, runSeed, k)} where k
 * counts the random ops of this pass in build order. A run resumed at step s therefore replays
 * exactly the dropout masks of an uninterrupted run, with no RNG state to checkpoint.
 */
public final class ForwardContext {
  private final Ops tf;
  private final boolean training;
  private final ParamSource params;
  private final Operand<TInt64> step;
  private final long runSeed;
  private int randomOps;

  private ForwardContext(Ops tf, boolean training, ParamSource params, Operand<TInt64> step, long runSeed) {
    this.tf = Objects.requireNonNull(tf);
    this.training = training;
    this.params = Objects.requireNonNull(params);
    this.step = step;
    this.runSeed = runSeed;
  }

  /** A training pass; {@code step} is a scalar int64 fed (or read) once per step. */
  public static ForwardContext training(Ops tf, ParamSource params, Operand<TInt64> step, long runSeed) {
    return new ForwardContext(tf, true, params, Objects.requireNonNull(step), runSeed);
  }

  /** An inference pass: no randomness, dropout and stochastic depth are identities. */
  public static ForwardContext inference(Ops tf, ParamSource params) {
    return new ForwardContext(tf, false, params, null, 0);
  }

  public Ops tf() {
    return tf;
  }

  public boolean training() {
    return training;
  }

  public Operand<TFloat32> read(Param p) {
    return params.read(p);
  }

  /** A fresh int64[2] seed for one stateless random op of this training pass. */
  public Operand<TInt64> nextSeed() {
    if (!training) {
      throw new IllegalStateException("randomness requested in an inference pass");
    }
    long salt = runSeed * 1_000_003L + (++randomOps);
    return tf.concat(
        java.util.List.of(tf.reshape(step, tf.constant(new long[] {1})), tf.constant(new long[] {salt})),
        tf.constant(0));
  }
}
