package io.expertize.graph;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * What a forward pass needs besides its input: the ops factory, whether this is a training pass
 * (dropout, stochastic depth), where parameters come from, and the step the randomness is keyed on.
 *
 * <p>Training randomness is stateless: each random op draws from {@code (step, runSeed, k)} where k
 * counts the random ops of this pass in build order. A run resumed at step s therefore replays
 * exactly the dropout masks of an uninterrupted run, with no RNG state to checkpoint.
 *
 * <p>A context may carry overrides: objects keyed by module that change how that module computes
 * (an expert set in place of a feed-forward network, an expert kernel in place of a linear layer).
 * The module asks {@link #override}; models and other layers never see them.
 */
public final class ForwardContext {
  private final Ops tf;
  private final boolean training;
  private final ParamSource params;
  private final Operand<TInt64> step;
  private final long runSeed;
  private final Map<Module, Object> overrides;
  private final Shared shared;
  private final BatchReduction reduction;

  /** Shared by a pass and the contexts derived from it: one random-op counter, one record. */
  private static final class Shared {
    int randomOps;
    final PassRecord record = new PassRecord();
  }

  private ForwardContext(
      Ops tf, boolean training, ParamSource params, Operand<TInt64> step, long runSeed,
      Map<Module, Object> overrides, Shared shared, BatchReduction reduction) {
    this.tf = Objects.requireNonNull(tf);
    this.reduction = Objects.requireNonNull(reduction);
    this.training = training;
    this.params = Objects.requireNonNull(params);
    this.step = step;
    this.runSeed = runSeed;
    this.overrides = overrides;
    this.shared = shared;
  }

  /** A training pass; {@code step} is a scalar int64 fed (or read) once per step. */
  public static ForwardContext training(Ops tf, ParamSource params, Operand<TInt64> step, long runSeed) {
    return new ForwardContext(tf, true, params, Objects.requireNonNull(step), runSeed, Map.of(), new Shared(),
        BatchReduction.WHOLE_BATCH);
  }

  /**
   * The training pass of shard {@code shard} of a data-parallel step: batch statistics go through
   * {@code reduction}; its random ops draw from a stream of their own (shard 0 draws what a single
   * process would), so shards do not share dropout masks or partitions.
   */
  public static ForwardContext trainingShard(
      Ops tf, ParamSource params, Operand<TInt64> step, long runSeed, int shard, BatchReduction reduction) {
    return new ForwardContext(tf, true, params, Objects.requireNonNull(step), runSeed + shard * 1_000_000_007L,
        Map.of(), new Shared(), reduction);
  }

  /** An inference pass: no randomness, dropout and stochastic depth are identities. */
  public static ForwardContext inference(Ops tf, ParamSource params) {
    return new ForwardContext(tf, false, params, null, 0, Map.of(), new Shared(), BatchReduction.WHOLE_BATCH);
  }

  /** The same pass with {@code more} overrides added (they win over existing ones for the same module). */
  public ForwardContext withOverrides(Map<? extends Module, ?> more) {
    Map<Module, Object> merged = new IdentityHashMap<>(overrides);
    merged.putAll(more);
    return new ForwardContext(tf, training, params, step, runSeed, merged, shared, reduction);
  }

  /** The mean over the global batch of a statistic this pass averaged over its examples (see {@link BatchReduction}). */
  public Operand<TFloat32> batchMean(String key, Operand<TFloat32> passMean) {
    return reduction.batchMean(key, passMean);
  }

  /** The override of {@code module} if it is of {@code kind}, else null. */
  public <T> T override(Module module, Class<T> kind) {
    Object o = overrides.get(module);
    return kind.isInstance(o) ? kind.cast(o) : null;
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

  /** The step operand of a training pass (int64 scalar, 0-based). */
  public Operand<TInt64> step() {
    requireTraining("the step");
    return step;
  }

  /** A fresh int64[2] seed for one stateless random op of this training pass. */
  public Operand<TInt64> nextSeed() {
    requireTraining("randomness");
    long salt = runSeed * 1_000_003L + (++shared.randomOps);
    return tf.concat(
        List.of(tf.reshape(step, tf.constant(new long[] {1})), tf.constant(new long[] {salt})), tf.constant(0));
  }

  /** Adds a scalar to this training pass's loss (a load-balancing loss). */
  public void addLoss(String name, Operand<TFloat32> scalar) {
    requireTraining("an auxiliary loss");
    shared.record.addLoss(name, scalar);
  }

  /** Stores {@code value} into {@code variable} at the end of this training step. */
  public void updateState(Variable<TFloat32> variable, Operand<TFloat32> value) {
    requireTraining("a state update");
    shared.record.addStateUpdate(variable, value);
  }

  /** Reports a value of the graph on log steps ({@code <layer path>/<name>}). */
  public void diagnostic(String name, Operand<TFloat32> value) {
    shared.record.addDiagnostic(name, value);
  }

  /** What this pass recorded besides its output. */
  public PassRecord record() {
    return shared.record;
  }

  private void requireTraining(String what) {
    if (!training) {
      throw new IllegalStateException(what + " requested in an inference pass");
    }
  }
}
