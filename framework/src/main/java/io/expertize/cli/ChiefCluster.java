package io.expertize.cli;

import io.expertize.distributed.ClusterSpec;
import io.expertize.distributed.LocalCluster;
import io.expertize.run.Chief;
import io.expertize.train.TrainingCluster;
import java.util.Optional;

/**
 * The cluster {@code train} runs on, if any, from its options: a described one (--cluster / TF_CONFIG, this
 * process its chief) or --local-cluster's child processes, stopped on close ({@link Chief}).
 */
final class ChiefCluster implements AutoCloseable {
  private final Optional<Chief> chief;

  private ChiefCluster(Optional<Chief> chief) {
    this.chief = chief;
  }

  static ChiefCluster of(ClusterOptions options, String localCluster) {
    Optional<ClusterSpec> described = options.spec();
    if (localCluster != null && described.isPresent()) {
      throw new UsageException("--local-cluster starts its own tasks; it cannot be combined with --cluster, --task or TF_CONFIG");
    }
    if (localCluster != null) {
      int[] size = LocalCluster.parseSize(localCluster);
      return new ChiefCluster(Optional.of(Chief.local(size[0], size[1], options.timeout())));
    }
    return new ChiefCluster(described.map(spec -> Chief.of(spec, options.timeout())));
  }

  Optional<TrainingCluster> training() {
    return chief.map(Chief::cluster);
  }

  @Override
  public void close() {
    chief.ifPresent(Chief::close);
  }
}
