package io.expertize.cli;

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

  /** The --set list with --data folded in (as the last override, so it wins). */
  List<String> overrides() {
    List<String> all = new ArrayList<>(sets);
    if (data != null) {
      all.add("data.dir=" + data.toAbsolutePath());
    }
    return all;
  }
}
