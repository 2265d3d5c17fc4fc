package io.expertize.run;

import io.expertize.distributed.ClusterException;
import io.expertize.distributed.ClusterSpec;
import io.expertize.distributed.ClusterTraining;
import io.expertize.distributed.LocalCluster;
import io.expertize.distributed.TaskId;
import io.expertize.distributed.TaskProbe;
import io.expertize.distributed.TaskServer;
import io.expertize.train.TrainingCluster;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * This process as the chief of a training cluster (docs/distributed.md): its own TensorFlow server started
 * and every other task answering, ready to be given to {@link TrainRequest.Builder#cluster} or
 * {@link ResumeRequest.Builder#cluster}. A {@link #local} cluster's child processes are stopped on close.
 */
public final class Chief implements AutoCloseable {
  private final TrainingCluster cluster;
  private final Optional<LocalCluster> local;

  private Chief(TrainingCluster cluster, Optional<LocalCluster> local) {
    this.cluster = cluster;
    this.local = local;
  }

  /**
   * The chief of a described cluster ({@code --cluster FILE} or TF_CONFIG), waiting up to {@code timeout}
   * for its other tasks, which run {@code expertize worker}.
   *
   * @throws ClusterException if {@code spec}'s own task is not the chief, or a task does not answer in time
   */
  public static Chief of(ClusterSpec spec, Duration timeout) {
    if (!spec.self().equals(spec.chief())) {
      throw new ClusterException("this process is task " + spec.self() + ", and `train` runs on the chief: start this task "
          + "with `expertize worker --cluster FILE --task " + spec.self() + "`, and train with --task chief:0");
    }
    return new Chief(start(spec, timeout), Optional.empty());
  }

  /** A cluster of {@code workers} worker and {@code ps} parameter-server child processes on 127.0.0.1 (as {@code --local-cluster}). */
  public static Chief local(int workers, int ps, Duration timeout) {
    LocalCluster local = LocalCluster.start(workers, ps, timeout);
    try {
      return new Chief(start(local.spec(), timeout), Optional.of(local));
    } catch (RuntimeException e) {
      local.close();
      throw e;
    }
  }

  /** Starts the chief's own server, then waits for every other task. */
  private static TrainingCluster start(ClusterSpec spec, Duration timeout) {
    TaskServer server = TaskServer.start(spec);
    TaskProbe probe = new TaskProbe();
    List<TaskId> others = spec.allTasks().stream().filter(t -> !t.equals(spec.self())).toList();
    probe.awaitAll(spec, others, timeout);
    System.out.println("cluster: " + spec.describe());
    return new ClusterTraining(spec, server, probe);
  }

  /** What a run trains on. */
  public TrainingCluster cluster() {
    return cluster;
  }

  /** Stops the child processes of a local cluster; a described cluster's tasks are left serving. */
  @Override
  public void close() {
    local.ifPresent(LocalCluster::close);
  }
}
