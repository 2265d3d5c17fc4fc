package io.expertize.run;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** A run's checkpoint to evaluate on the test split, as {@code expertize eval --run DIR [--checkpoint DIR] [--data DIR]}. */
public final class EvalRequest {
  private final Path runDir;
  private final Optional<Path> checkpoint;
  private final Optional<Path> data;

  private EvalRequest(Builder b) {
    this.runDir = b.runDir;
    this.checkpoint = b.checkpoint;
    this.data = b.data;
  }

  /** A request to evaluate the run in {@code runDir} (by default its newest complete checkpoint). */
  public static Builder builder(Path runDir) {
    return new Builder(Objects.requireNonNull(runDir, "runDir"));
  }

  /** The run directory written by a training run (it holds config.yaml and checkpoints/). */
  public Path runDir() {
    return runDir;
  }

  /** The checkpoint to evaluate (a ckpt-N directory, or a directory holding them); empty for the newest. */
  public Optional<Path> checkpoint() {
    return checkpoint;
  }

  /** Where the run's data now lives, if not where the run found it. */
  public Optional<Path> data() {
    return data;
  }

  /** Collects the options of an {@link EvalRequest}. */
  public static final class Builder {
    private final Path runDir;
    private Optional<Path> checkpoint = Optional.empty();
    private Optional<Path> data = Optional.empty();

    private Builder(Path runDir) {
      this.runDir = runDir;
    }

    /** A ckpt-N directory of the run, or a directory holding them (as {@code --checkpoint}). */
    public Builder checkpoint(Path dir) {
      this.checkpoint = Optional.of(Objects.requireNonNull(dir, "checkpoint"));
      return this;
    }

    /** The dataset directory, if not where the run found it (as {@code --data}). */
    public Builder data(Path dir) {
      this.data = Optional.of(Objects.requireNonNull(dir, "data"));
      return this;
    }

    /** The request as collected so far; the builder can go on to build others. */
    public EvalRequest build() {
      return new EvalRequest(this);
    }
  }
}
