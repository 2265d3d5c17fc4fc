package io.expertize.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A run to continue from its latest checkpoint, exactly as it was configured (its config.yaml): only
 * where its data now lives, the cluster it continues on and extra callbacks may differ, as with
 * {@code expertize train --resume DIR [--data DIR]}.
 */
public final class ResumeRequest extends RunRequest {
  private final Path runDir;

  private ResumeRequest(Builder b) {
    super(b);
    this.runDir = b.runDir;
  }

  /** A request to resume the run in {@code runDir}. */
  public static Builder builder(Path runDir) {
    return new Builder(Objects.requireNonNull(runDir, "runDir"));
  }

  /** The run directory to continue in. */
  public Path runDir() {
    return runDir;
  }

  /** Only the data directory, which moves the data, not the run: the rest is the run's config.yaml. */
  @Override
  List<String> overrides() {
    return dataOverride();
  }

  /** Collects the options of a {@link ResumeRequest}. */
  public static final class Builder extends RunRequest.Builder<Builder> {
    private final Path runDir;

    private Builder(Path runDir) {
      this.runDir = runDir;
    }

    @Override
    Builder self() {
      return this;
    }

    /** The request as collected so far; the builder can go on to build others. */
    public ResumeRequest build() {
      return new ResumeRequest(this);
    }
  }
}
