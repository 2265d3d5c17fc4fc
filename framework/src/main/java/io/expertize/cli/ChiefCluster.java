package io.expertize.cli;

import io.expertize.distributed.ClusterException;
import io.expertize.distributed.ClusterSpec;
import io.expertize.distributed.ClusterTraining;
import io.expertize.distributed.LocalCluster;
import io.expertize.distributed.TaskProbe;
import io.expertize.distributed.TaskServer;
import io.expertize.train.TrainingCluster;
import java.util.List;
import java.util.Optional;

/**
 * The cluster {@code train} runs on, if any: a described one (--cluster / TF_CONFIG, this process its
 * chief) or a {@link LocalCluster} of child processes, started, waited for and, when local, stopped on close.
 */
final class ChiefCluster implements AutoCloseable {
  private final Optional<TrainingCluster> training;
  private final Optional<LocalCluster> local;

  private ChiefCluster(Optional<TrainingCluster> training, Optional<LocalCluster> local) {
    this.training = training;
    this.local = local;
  }

  static ChiefCluster of(ClusterOptions options, String localCluster) {
    Optional<ClusterSpec> described = options.spec();
    if (localCluster != null && described.isPresent()) {
      throw new UsageException("--local-cluster starts its own tasks; it cannot be combined with --cluster, --task or TF_CONFIG");
    }
    if (localCluster != null) {
      int[] size = LocalCluster.parseSize(localCluster);
      LocalCluster local = LocalCluster.start(size[0], size[1], options.timeout());
      try {
        return new ChiefCluster(Optional.of(chief(local.spec(), options)), Optional.of(local));
      } catch (RuntimeException e) {
        local.close();
        throw e;
      }
    }
    if (described.isEmpty()) {
      return new ChiefCluster(Optional.empty(), Optional.empty());
    }
    ClusterSpec spec = described.get();
    if (!spec.self().equals(spec.chief())) {
      throw new ClusterException("this process is task " + spec.self() + ", and `train` runs on the chief: start this task "
          + "with `expertize worker --cluster FILE --task " + spec.self() + "`, and train with --task chief:0");
    }
    return new ChiefCluster(Optional.of(chief(spec, options)), Optional.empty());
  }

  /** Starts the chief's own server, then waits for every other task. */
  private static TrainingCluster chief(ClusterSpec spec, ClusterOptions options) {
    TaskServer server = TaskServer.start(spec);
    TaskProbe probe = new TaskProbe();
    List<io.expertize.distributed.TaskId> others = spec.allTasks().stream().filter(t -> !t.equals(spec.self())).toList();
    probe.awaitAll(spec, others, options.timeout());
    System.out.println("cluster: " + spec.describe());
    return new ClusterTraining(spec, server, probe);
  }

  Optional<TrainingCluster> training() {
    return training;
  }

  @Override
  public void close() {
    local.ifPresent(LocalCluster::close);
  }
}
