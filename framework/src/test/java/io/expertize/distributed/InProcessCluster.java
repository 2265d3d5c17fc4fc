package io.expertize.distributed;

/**
 * A real TensorFlow gRPC cluster on loopback inside the test JVM: one server per task (TF servers
 * cannot be stopped, so they live until the JVM ends; every cluster gets fresh ports).
 */
final class InProcessCluster {
  private InProcessCluster() {}

  static ClusterTraining start(int workers, int ps) {
    ClusterSpec spec = LocalCluster.loopbackSpec(workers, ps);
    for (TaskId t : spec.allTasks()) {
      if (!t.equals(spec.self())) {
        TaskServer.start(spec.as(t));
      }
    }
    return new ClusterTraining(spec, TaskServer.start(spec), new TaskProbe());
  }
}
