package io.expertize.run;

import io.expertize.train.TrainingCallback;
import io.expertize.train.TrainingCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A run to continue from its latest checkpoint, exactly as it was configured (its config.yaml): only
 * where its data now lives, the cluster it continues on and extra callbacks may differ, as with
 * {@code expertize train --resume DIR [--data DIR]}.
 */
public final class ResumeRequest {
  private final Path runDir;
  private final Optional<Path> data;
  private final Optional<TrainingCluster> cluster;
  private final List<TrainingCallback> callbacks;

  private ResumeRequest(Builder b) {
    this.runDir = b.runDir;
    this.data = b.data;
    this.cluster = b.cluster;
    this.callbacks = List.copyOf(b.callbacks);
  }

  /** A request to resume the run in {@code runDir}. */
  public static Builder builder(Path runDir) {
    return new Builder(Objects.requireNonNull(runDir, "runDir"));
  }

  /** The run directory to continue in. */
  public Path runDir() {
    return runDir;
  }

  /** Where the run's data now lives, if not where it was found. */
  public Optional<Path> data() {
    return data;
  }

  /** The cluster to continue on, of any size (a checkpoint does not depend on it); empty for this process. */
  public Optional<TrainingCluster> cluster() {
    return cluster;
  }

  /** Callbacks beside the standard ones. */
  public List<TrainingCallback> callbacks() {
    return callbacks;
  }

  /** The overrides on top of the run's config.yaml: only the data directory, which moves the data, not the run. */
  List<String> overrides() {
    return RunOverrides.data(data);
  }

  /** Collects the options of a {@link ResumeRequest}. */
  public static final class Builder {
    private final Path runDir;
    private Optional<Path> data = Optional.empty();
    private Optional<TrainingCluster> cluster = Optional.empty();
    private final List<TrainingCallback> callbacks = new ArrayList<>();

    private Builder(Path runDir) {
      this.runDir = runDir;
    }

    /** The dataset directory, if it moved since the run started (as {@code --data}). */
    public Builder data(Path dir) {
      this.data = Optional.of(Objects.requireNonNull(dir, "data"));
      return this;
    }

    /** Continue data-parallel on {@code cluster}; this process is its chief. */
    public Builder cluster(TrainingCluster cluster) {
      this.cluster = Optional.of(Objects.requireNonNull(cluster, "cluster"));
      return this;
    }

    /** One more callback beside the standard ones (repeatable). */
    public Builder callback(TrainingCallback callback) {
      callbacks.add(Objects.requireNonNull(callback, "callback"));
      return this;
    }

    /** The request as collected so far; the builder can go on to build others. */
    public ResumeRequest build() {
      return new ResumeRequest(this);
    }
  }
}
