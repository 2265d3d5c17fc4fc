package io.expertize.cli;

import io.expertize.distributed.ClusterSpec;
import io.expertize.distributed.ClusterSpecReader;
import io.expertize.distributed.TaskId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The cluster options of {@code train} and {@code worker} (docs/distributed.md). */
final class ClusterOptions {
  @Option(names = "--cluster", paramLabel = "FILE",
      description = "Cluster description, TF_CONFIG format: {\"cluster\": {\"chief\": [...], \"worker\": [...], \"ps\": [...]},"
          + " \"task\": {...}}. Without it, the TF_CONFIG environment variable is read.")
  Path cluster;

  @Option(names = "--task", paramLabel = "JOB:INDEX", description = "This process's task, e.g. worker:1 (wins over the file's task).")
  String task;

  @Option(names = "--allow-public-address",
      description = "Accept public addresses in the cluster (TensorFlow's gRPC runtime has no authentication).")
  boolean allowPublicAddress;

  @Option(names = "--cluster-timeout", paramLabel = "SECONDS", defaultValue = "90",
      description = "How long start-up waits for every task to answer (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  /** The cluster of --cluster / --task, else TF_CONFIG, else none. */
  Optional<ClusterSpec> spec() {
    return new ClusterSpecReader(allowPublicAddress).read(
        Optional.ofNullable(cluster), Optional.ofNullable(task).map(TaskId::parse), System.getenv());
  }

  Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }
}
