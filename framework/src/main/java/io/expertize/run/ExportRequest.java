package io.expertize.run;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A run's checkpoint to export dense, as {@code expertize export --run DIR --out BASE}: the SavedModel goes
 * to {@code BASE/NAME/VERSION}, the layout TensorFlow Serving watches (docs/serving.md).
 */
public final class ExportRequest {
  private final Path runDir;
  private final Path base;
  private final Optional<String> name;
  private final OptionalLong version;
  private final Optional<Path> checkpoint;
  private final boolean force;
  private final boolean averageTopK;
  private final OptionalInt maxLength;

  private ExportRequest(Builder b) {
    this.runDir = b.runDir;
    this.base = b.base;
    this.name = b.name;
    this.version = b.version;
    this.checkpoint = b.checkpoint;
    this.force = b.force;
    this.averageTopK = b.averageTopK;
    this.maxLength = b.maxLength;
  }

  /** A request to export the run in {@code runDir} under the model base path {@code base} (TF Serving's base_path). */
  public static Builder builder(Path runDir, Path base) {
    return new Builder(Objects.requireNonNull(runDir, "runDir"), Objects.requireNonNull(base, "base"));
  }

  /** The run directory written by a training run. */
  public Path runDir() {
    return runDir;
  }

  /** The model base path. */
  public Path base() {
    return base;
  }

  /** The model name, a directory under the base; empty for the run's model name. */
  public Optional<String> name() {
    return name;
  }

  /** The version directory; empty for one above the highest present (1 if none). */
  public OptionalLong version() {
    return version;
  }

  /** The checkpoint to export; empty for the run's newest complete one. */
  public Optional<Path> checkpoint() {
    return checkpoint;
  }

  /** Whether an existing version directory is replaced. */
  public boolean force() {
    return force;
  }

  /** Whether a top-k run is exported as its experts' mean (approximate; recorded in the export's metadata). */
  public boolean averageTopK() {
    return averageTopK;
  }

  /** Text models: how many tokens the served greedy decoding writes at most; empty for the run's own setting. */
  public OptionalInt maxLength() {
    return maxLength;
  }

  /** Collects the options of an {@link ExportRequest}. */
  public static final class Builder {
    private final Path runDir;
    private final Path base;
    private Optional<String> name = Optional.empty();
    private OptionalLong version = OptionalLong.empty();
    private Optional<Path> checkpoint = Optional.empty();
    private boolean force;
    private boolean averageTopK;
    private OptionalInt maxLength = OptionalInt.empty();

    private Builder(Path runDir, Path base) {
      this.runDir = runDir;
      this.base = base;
    }

    /** The model name, a directory under the base (as {@code --name}; default: the run's model). */
    public Builder name(String name) {
      this.name = Optional.of(Objects.requireNonNull(name, "name"));
      return this;
    }

    /** The version directory to write (as {@code --version}; a positive integer). */
    public Builder version(long version) {
      this.version = OptionalLong.of(version);
      return this;
    }

    /** A ckpt-N directory of the run (as {@code --checkpoint}; default: the newest complete one). */
    public Builder checkpoint(Path dir) {
      this.checkpoint = Optional.of(Objects.requireNonNull(dir, "checkpoint"));
      return this;
    }

    /** Replace the version directory if it exists (as {@code --force}). */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    /** Export a top-k MoE run as its experts' mean (as {@code --average-top-k}). */
    public Builder averageTopK(boolean averageTopK) {
      this.averageTopK = averageTopK;
      return this;
    }

    /** Text models: the most tokens served greedy decoding writes (as {@code --max-length}). */
    public Builder maxLength(int tokens) {
      this.maxLength = OptionalInt.of(tokens);
      return this;
    }

    /** The request as collected so far; the builder can go on to build others. */
    public ExportRequest build() {
      return new ExportRequest(this);
    }
  }
}
