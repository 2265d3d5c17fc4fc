package io.expertize.cli;

import io.expertize.run.TrainRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code quickstart} and {@code train}. */
final class RunOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (.yaml, .yml or .properties).")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override one key (repeatable; wins over --config). Keys: docs/configuration.md.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/<model>-<time>).")
  Path out;

  @Option(names = "--data", paramLabel = "DIR", description = "Dataset directory (same as --set data.dir=DIR).")
  Path data;

  @Option(names = "--force", description = "Clear a non-empty --out directory instead of refusing.")
  boolean force;

  /**
   * A resumed run continues exactly as configured, in its own directory: options that would
   * change the run or its place are refused rather than ignored.
   */
  void requireNothingBesideResume(Path dir) {
    if (config != null || !sets.isEmpty()) {
      throw new UsageException("--resume continues a run exactly as it was configured (" + dir.resolve("config.yaml")
          + "); --config and --set cannot change it. Start a new run with --out to train with other settings.");
    }
    if (out != null || force) {
      throw new UsageException("--resume " + dir + " continues the run in its own directory; " + (out != null
          ? "--out " + out : "--force") + " cannot be combined with it. Drop it to resume, or start a new run with"
          + " --out (and --force to replace an earlier run there).");
    }
  }

  /** These options as a request, {@code before} layered under the user's --set (so theirs win). */
  TrainRequest.Builder request(List<String> before) {
    TrainRequest.Builder request = TrainRequest.builder().sets(before).sets(sets).force(force);
    if (config != null) {
      request.config(config);
    }
    if (data != null) {
      request.data(data);
    }
    if (out != null) {
      request.out(out);
    }
    return request;
  }
}
