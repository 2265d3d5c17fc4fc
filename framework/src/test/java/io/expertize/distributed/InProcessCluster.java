package io.expertize.distributed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real TensorFlow gRPC cluster on loopback inside the test JVM: one server per task (TF servers
 * cannot be stopped, so they live until the JVM ends; every cluster gets fresh ports).
 */
final class InProcessCluster {
  private InProcessCluster() {}

  static ClusterTraining start(int workers, int ps) {
    Map<String, List<String>> jobs = new LinkedHashMap<>();
    jobs.put(ClusterSpec.CHIEF, List.of(LocalCluster.freeAddress()));
    jobs.put(ClusterSpec.WORKER, LocalCluster.addresses(workers));
    jobs.put(ClusterSpec.PS, LocalCluster.addresses(ps));
    ClusterSpec spec = new ClusterSpec(jobs, new TaskId(ClusterSpec.CHIEF, 0));
    for (TaskId t : spec.allTasks()) {
      if (!t.equals(spec.self())) {
        TaskServer.start(spec.as(t));
      }
    }
    return new ClusterTraining(spec, TaskServer.start(spec), new TaskProbe());
  }
}
