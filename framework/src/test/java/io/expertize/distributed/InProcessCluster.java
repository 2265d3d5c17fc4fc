package io.expertize.distributed;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
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
    jobs.put(ClusterSpec.CHIEF, List.of(freeAddress()));
    jobs.put(ClusterSpec.WORKER, addresses(workers));
    jobs.put(ClusterSpec.PS, addresses(ps));
    ClusterSpec spec = new ClusterSpec(jobs, new TaskId(ClusterSpec.CHIEF, 0));
    for (TaskId t : spec.allTasks()) {
      if (!t.equals(spec.self())) {
        TaskServer.start(spec.as(t));
      }
    }
    return new ClusterTraining(spec, TaskServer.start(spec), new TaskProbe());
  }

  private static List<String> addresses(int n) {
    List<String> a = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      a.add(freeAddress());
    }
    return a;
  }

  static String freeAddress() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return "127.0.0.1:" + s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
