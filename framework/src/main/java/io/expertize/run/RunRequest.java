package io.expertize.run;

import io.expertize.train.TrainingCallback;
import io.expertize.train.TrainingCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every run that trains, new ({@link TrainRequest}) or continued ({@link ResumeRequest}), may be
 * given beside its configuration: where its data lives, the cluster it trains on, and callbacks of its
 * own.
 */
public abstract sealed class RunRequest permits TrainRequest, ResumeRequest {
  private final Optional<Path> data;
  private final Optional<TrainingCluster> cluster;
  private final List<TrainingCallback> callbacks;

  RunRequest(Builder<?> b) {
    this.data = b.data;
    this.cluster = b.cluster;
    this.callbacks = List.copyOf(b.callbacks);
  }

  /** The dataset directory, as {@code --data} gives it; for a continued run, where its data now lives. */
  public Optional<Path> data() {
    return data;
  }

  /**
   * The cluster to train on data-parallel, this process its chief; empty to train in this process. A
   * run may continue on a cluster of any size: its checkpoint does not depend on it.
   */
  public Optional<TrainingCluster> cluster() {
    return cluster;
  }

  /** Callbacks that observe the run beside the standard ones (progress, metrics.jsonl, TensorBoard, plots). */
  public List<TrainingCallback> callbacks() {
    return callbacks;
  }

  /** The {@code KEY=VALUE} overrides of the run's configuration, the data directory last so that it wins. */
  abstract List<String> overrides();

  /** {@code data} as the override {@code --data} makes of it. */
  final List<String> dataOverride() {
    return RunOverrides.data(data);
  }

  /** The options every training request takes; each setter replaces an earlier value, except {@link #callback}. */
  public abstract static sealed class Builder<B extends Builder<B>> permits TrainRequest.Builder, ResumeRequest.Builder {
    private Optional<Path> data = Optional.empty();
    private Optional<TrainingCluster> cluster = Optional.empty();
    private final List<TrainingCallback> callbacks = new ArrayList<>();

    Builder() {}

    abstract B self();

    /** The dataset directory (as {@code --data}: {@code data.dir}, made absolute, applied last). */
    public B data(Path dir) {
      this.data = Optional.of(Objects.requireNonNull(dir, "data"));
      return self();
    }

    /** Train data-parallel on {@code cluster} (docs/distributed.md); this process is its chief. */
    public B cluster(TrainingCluster cluster) {
      this.cluster = Optional.of(Objects.requireNonNull(cluster, "cluster"));
      return self();
    }

    /** One more callback beside the standard ones (repeatable); it is called on the training thread and closed at the end. */
    public B callback(TrainingCallback callback) {
      callbacks.add(Objects.requireNonNull(callback, "callback"));
      return self();
    }
  }
}
