package io.expertize.cli;

import io.expertize.distributed.ClusterException;
import io.expertize.distributed.ClusterSpec;
import io.expertize.distributed.TaskServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code expertize worker}: a worker or ps task of a cluster, serving until it is killed or the job ends. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {
        "Run one task (worker or ps) of a training cluster: start its TensorFlow gRPC server and serve the chief",
        "until killed. The chief runs `expertize train --cluster FILE --task chief:0`. See docs/distributed.md."})
final class WorkerCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;

  @Option(names = "--parent-pid", paramLabel = "PID", hidden = true,
      description = "End when this process ends (tasks started by --local-cluster).")
  Long parentPid;

  @Override
  public Integer call() throws InterruptedException {
    ClusterSpec spec = cluster.spec().orElseThrow(() -> new ClusterException(
        "expertize worker needs a cluster: --cluster FILE --task JOB:INDEX, or the TF_CONFIG environment variable"));
    if (spec.self().job().equals(ClusterSpec.CHIEF)) {
      throw new ClusterException("task " + spec.self() + " is the chief: start it with `expertize train --cluster FILE "
          + "--task chief:0 ...`, it trains; `expertize worker` serves worker and ps tasks");
    }
    TaskServer server = TaskServer.start(spec);
    System.out.println("expertize worker: task " + spec.self() + " serving on " + spec.address(spec.self())
        + " (" + spec.describe() + ")");
    System.out.flush();
    if (parentPid != null) {
      ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
      if (parent == null) {
        return 0;
      }
      parent.onExit().join(); // TensorFlow servers cannot be stopped: the task ends with its process
      return 0;
    }
    server.join();
    return 0;
  }
}
