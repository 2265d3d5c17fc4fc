package io.expertize.run;

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
public final class TrainRequest extends RunRequest {
  private final Optional<Path> config;
  private final List<String> sets;
  private final Optional<Path> out;
  private final boolean force;

  private TrainRequest(Builder b) {
    super(b);
    this.config = b.config;
    this.sets = List.copyOf(b.sets);
    this.out = b.out;
    this.force = b.force;
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

  /** The run directory; empty for {@code runs/<model>-<yyyyMMdd-HHmmss>} under the working directory. */
  public Optional<Path> out() {
    return out;
  }

  /** Whether a non-empty run directory is cleared (never the files the run reads) instead of refused. */
  public boolean force() {
    return force;
  }

  /** {@link #sets()} with the data directory folded in last, so that it wins, as {@code --data} does. */
  @Override
  List<String> overrides() {
    List<String> all = new ArrayList<>(sets);
    all.addAll(dataOverride());
    return all;
  }

  /** Collects the options of a {@link TrainRequest}; each setter replaces an earlier value, except the repeatable ones. */
  public static final class Builder extends RunRequest.Builder<Builder> {
    private Optional<Path> config = Optional.empty();
    private final List<String> sets = new ArrayList<>();
    private Optional<Path> out = Optional.empty();
    private boolean force;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

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

    /** The request as collected so far; the builder can go on to build others. */
    public TrainRequest build() {
      return new TrainRequest(this);
    }
  }
}
