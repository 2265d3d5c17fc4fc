package io.expertize.run;

import io.expertize.train.TrainingCallback;
import io.expertize.train.TrainingCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a new training run is made of, layered as {@code expertize train} layers it: the built-in
 * defaults, then a configuration file ({@code --config}), then single keys ({@code --set}), then the
 * data directory ({@code --data}). Everything is optional: {@code TrainRequest.builder().build()}
 * trains what {@code expertize train} trains with no options. Keys: docs/configuration.md.
 */
public final class TrainRequest {
  private final Optional<Path> config;
  private final List<String> sets;
  private final Optional<Path> data;
  private final Optional<Path> out;
  private final boolean force;
  private final Optional<TrainingCluster> cluster;
  private final List<TrainingCallback> callbacks;

  private TrainRequest(Builder b) {
    this.config = b.config;
    this.sets = List.copyOf(b.sets);
    this.data = b.data;
    this.out = b.out;
    this.force = b.force;
    this.cluster = b.cluster;
    this.callbacks = List.copyOf(b.callbacks);
  }

  /** A request with every option at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The configuration file or bundled name, as {@code --config} takes it; empty for the defaults alone. */
  public Optional<Path> config() {
    return config;
  }

  /** The {@code KEY=VALUE} overrides in the order given, as {@code --set} takes them (without the data directory). */
  public List<String> sets() {
    return sets;
  }

  /** The dataset directory, as {@code --data} takes it. */
  public Optional<Path> data() {
    return data;
  }

  /** The run directory; empty for {@code runs/<model>-<yyyyMMdd-HHmmss>} under the working directory. */
  public Optional<Path> out() {
    return out;
  }

  /** Whether a non-empty run directory is cleared (never the files the run reads) instead of refused. */
  public boolean force() {
    return force;
  }

  /** The cluster to train on data-parallel, this process its chief; empty to train in this process. */
  public Optional<TrainingCluster> cluster() {
    return cluster;
  }

  /** Callbacks that observe the run beside the standard ones (progress, metrics.jsonl, TensorBoard, plots). */
  public List<TrainingCallback> callbacks() {
    return callbacks;
  }

  /** {@link #sets()} with the data directory folded in last, so that it wins, as {@code --data} does. */
  List<String> overrides() {
    List<String> all = new ArrayList<>(sets);
    all.addAll(RunOverrides.data(data));
    return all;
  }

  /** Collects the options of a {@link TrainRequest}; each setter replaces an earlier value, except the repeatable ones. */
  public static final class Builder {
    private Optional<Path> config = Optional.empty();
    private final List<String> sets = new ArrayList<>();
    private Optional<Path> data = Optional.empty();
    private Optional<Path> out = Optional.empty();
    private boolean force;
    private Optional<TrainingCluster> cluster = Optional.empty();
    private final List<TrainingCallback> callbacks = new ArrayList<>();

    private Builder() {}

    /** A configuration file (.yaml, .yml or .properties), or a bundled name: what {@code --config} accepts. */
    public Builder config(Path file) {
      this.config = Optional.of(Objects.requireNonNull(file, "config"));
      return this;
    }

    /**
     * A configuration shipped in the framework jar (the repository's {@code configs/NAME.yaml}), looked up
     * as {@code --config NAME} looks it up.
     *
     * @throws IllegalArgumentException if {@code name} has a directory or an extension: use {@link #config(Path)}
     */
    public Builder namedConfig(String name) {
      Path given = Path.of(Objects.requireNonNull(name, "namedConfig"));
      if (!io.expertize.config.NamedConfigs.isBareName(given)) {
        throw new IllegalArgumentException("namedConfig(\"" + name + "\"): a named configuration is a bare name such as"
            + " vit_quickstart; pass a file with config(Path)");
      }
      this.config = Optional.of(given);
      return this;
    }

    /** One key (repeatable; the last value of a key wins, and wins over the file), as {@code --set KEY=VALUE}. */
    public Builder set(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (key.contains("=")) {
        throw new IllegalArgumentException("set(\"" + key + "\", ...): a key has no '='; pass the value separately");
      }
      sets.add(key + "=" + value);
      return this;
    }

    /** Several {@code KEY=VALUE} overrides, each as {@code --set} takes it, after those given so far. */
    public Builder sets(Collection<String> keyValues) {
      keyValues.forEach(kv -> sets.add(Objects.requireNonNull(kv, "sets")));
      return this;
    }

    /** The dataset directory (same as {@code set("data.dir", dir)}, made absolute, and applied last). */
    public Builder data(Path dir) {
      this.data = Optional.of(Objects.requireNonNull(dir, "data"));
      return this;
    }

    /** The run directory (default: {@code runs/<model>-<yyyyMMdd-HHmmss>}). */
    public Builder out(Path runDir) {
      this.out = Optional.of(Objects.requireNonNull(runDir, "out"));
      return this;
    }

    /** Clear a non-empty run directory instead of refusing (as {@code --force}); what the run reads is never deleted. */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    /** Train data-parallel on {@code cluster} (docs/distributed.md); this process is its chief. */
    public Builder cluster(TrainingCluster cluster) {
      this.cluster = Optional.of(Objects.requireNonNull(cluster, "cluster"));
      return this;
    }

    /** One more callback beside the standard ones (repeatable); it is called on the training thread and closed at the end. */
    public Builder callback(TrainingCallback callback) {
      callbacks.add(Objects.requireNonNull(callback, "callback"));
      return this;
    }

    /** The request as collected so far; the builder can go on to build others. */
    public TrainRequest build() {
      return new TrainRequest(this);
    }
  }
}
