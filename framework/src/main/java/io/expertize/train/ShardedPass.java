package io.expertize.train;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.ParamSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The training pass of a data-parallel step: the fed global batch is split on the chief into one
 * contiguous shard per worker (rows {@code [k·B/W, (k+1)·B/W)}), each shard's forward pass is built
 * under its worker's device, and the loss is the shard losses weighted by shard size, so it and its
 * gradients equal the global batch's mean.
 *
 * <p>Statistics a pass needs over the whole batch (the memory bank's router mean) couple the shards
 * layer by layer, so the shards are built in lockstep: one thread per shard, only one building at a
 * time (they hold this object's monitor), each waiting at a statistic until every shard has offered its
 * value, which is then combined once.
 */
public final class ShardedPass {
  /** One shard's part of the training pass. */
  record Shard(int index, Operand<TFloat32> loss, Operand<TFloat32> weight, ForwardContext context) {}

  private static final long WAIT_MILLIS = 120_000;

  private final DataParallel parallel;
  private final Ops tf;
  private final ParamSource params;
  private final Operand<TInt64> step;
  private final long seed;
  private final Map<Module, Object> overrides;
  private final Map<String, Statistic> statistics = new HashMap<>();
  private List<Operand<TFloat32>> weights;
  private List<Shard> shards;
  private Throwable failure;

  ShardedPass(DataParallel parallel, Ops tf, ParamSource params, Operand<TInt64> step, long seed, Map<Module, Object> overrides) {
    this.parallel = parallel;
    this.tf = tf;
    this.params = params;
    this.step = step;
    this.seed = seed;
    this.overrides = overrides;
  }

  /** A statistic being gathered from the shards. */
  private static final class Statistic {
    final List<Operand<TFloat32>> values;
    Operand<TFloat32> mean;

    Statistic(int shards) {
      values = new ArrayList<>(java.util.Collections.nCopies(shards, null));
    }
  }

  /** The weighted shard losses; the shards are then in {@link #shards()}. */
  Operand<TFloat32> build(List<Operand<?>> batchInputs, Passes.ShardLoss loss) {
    if (shards != null) {
      throw new IllegalStateException("the training pass of a data-parallel graph is built once");
    }
    int w = parallel.workers().size();
    Ops chief = tf.withSubScope("shards");
    Operand<TInt32> rows = chief.reshape(
        chief.slice(chief.shape(batchInputs.get(0)), chief.constant(new int[] {0}), chief.constant(new int[] {1})),
        chief.constant(new int[0]));
    List<List<Operand<?>>> slices = new ArrayList<>();
    weights = new ArrayList<>();
    for (int k = 0; k < w; k++) {
      Operand<TInt32> start = chief.math.floorDiv(chief.math.mul(rows, chief.constant(k)), chief.constant(w));
      Operand<TInt32> end = chief.math.floorDiv(chief.math.mul(rows, chief.constant(k + 1)), chief.constant(w));
      Operand<TInt32> count = chief.math.sub(end, start);
      List<Operand<?>> shard = new ArrayList<>();
      for (Operand<?> input : batchInputs) {
        shard.add(rowsOf(chief, input, start, count));
      }
      slices.add(shard);
      weights.add(chief.math.div(chief.dtypes.cast(count, TFloat32.class), chief.dtypes.cast(rows, TFloat32.class)));
    }
    Shard[] built = new Shard[w];
    List<Thread> threads = new ArrayList<>();
    for (int k = 0; k < w; k++) {
      int index = k;
      Thread t = new Thread(() -> {
        try {
          synchronized (this) {
            Ops shardOps = tf.withSubScope("shard_" + index).withDevice(parallel.workers().get(index));
            ForwardContext ctx = ForwardContext.trainingShard(shardOps, params, step, seed, index,
                (key, mean) -> batchMean(key, index, mean)).withOverrides(overrides);
            built[index] = new Shard(index, loss.build(ctx, slices.get(index)), weights.get(index), ctx);
          }
        } catch (Throwable e) {
          fail(e);
        }
      }, "shard-" + k + "-graph");
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while building the shards' passes", e);
      }
    }
    synchronized (this) {
      if (failure != null) {
        throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure.getMessage(), failure);
      }
    }
    shards = List.of(built);
    List<Operand<TFloat32>> weighted = new ArrayList<>();
    for (Shard s : shards) {
      weighted.add(chief.math.mul(s.weight(), s.loss()));
    }
    return chief.math.addN(weighted);
  }

  List<Shard> shards() {
    if (shards == null) {
      throw new IllegalStateException("the task did not build its training loss through Passes.trainingLoss");
    }
    return shards;
  }

  private static <T extends org.tensorflow.types.family.TType> Operand<T> rowsOf(
      Ops tf, Operand<T> input, Operand<TInt32> start, Operand<TInt32> count) {
    int rank = input.shape().numDimensions();
    int[] zeros = new int[rank - 1];
    int[] all = new int[rank - 1];
    java.util.Arrays.fill(all, -1);
    Operand<TInt32> begin = tf.concat(List.of(tf.reshape(start, tf.constant(new int[] {1})), tf.constant(zeros)), tf.constant(0));
    Operand<TInt32> size = tf.concat(List.of(tf.reshape(count, tf.constant(new int[] {1})), tf.constant(all)), tf.constant(0));
    Operand<T> rows = tf.slice(input, begin, size);
    // Slice's dynamic sizes lose the static shape the layers check; a reshape restores it
    org.tensorflow.ndarray.Shape shape = input.shape();
    int[] dims = new int[rank];
    dims[0] = -1;
    for (int i = 1; i < rank; i++) {
      if (shape.isUnknown() || shape.get(i) < 0) {
        return rows;
      }
      dims[i] = (int) shape.get(i);
    }
    return tf.reshape(rows, tf.constant(dims));
  }

  /** Called by shard {@code k}'s thread (holding the monitor): waits for every shard's value, returns their weighted sum. */
  private synchronized Operand<TFloat32> batchMean(String key, int k, Operand<TFloat32> mean) {
    Statistic s = statistics.computeIfAbsent(key, x -> new Statistic(weights.size()));
    if (s.values.get(k) != null) {
      throw new IllegalStateException("shard " + k + " offers '" + key + "' twice");
    }
    s.values.set(k, mean);
    if (s.values.stream().allMatch(v -> v != null)) {
      Ops chief = tf.withSubScope("shards");
      List<Operand<TFloat32>> terms = new ArrayList<>();
      for (int i = 0; i < s.values.size(); i++) {
        terms.add(chief.math.mul(weights.get(i), s.values.get(i)));
      }
      s.mean = chief.math.addN(terms);
      notifyAll();
    }
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (s.mean == null && failure == null) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new IllegalStateException("shard " + k + " waited in vain for the other shards' '" + key
            + "': the shards' passes do not compute the same batch statistics");
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while building shard " + k, e);
      }
    }
    if (failure != null) {
      throw new IllegalStateException("another shard failed to build", failure);
    }
    return s.mean;
  }

  private synchronized void fail(Throwable e) {
    if (failure == null) {
      failure = e;
    }
    notifyAll();
  }
}
