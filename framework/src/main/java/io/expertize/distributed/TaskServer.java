package io.expertize.distributed;

import org.tensorflow.Server;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;

/**
 * The TensorFlow gRPC server of one task of a {@link ClusterSpec}. TF Java cannot stop a server
 * ({@code Server.stop()}: "Clean shutdown is not currently implemented"), so a task's server lives
 * as long as its process.
 */
public final class TaskServer {
  private final Server server;
  private final ClusterSpec spec;

  private TaskServer(Server server, ClusterSpec spec) {
    this.server = server;
    this.spec = spec;
  }

  /**
   * Starts the server of {@code spec.self()}; a port already in use is a {@link ClusterException} naming it.
   * TensorFlow listens on every interface: a host with a public address gets a warning ({@link ListeningExposure}).
   */
  public static TaskServer start(ClusterSpec spec) {
    Server server;
    try {
      server = new Server(serverDef(spec));
      server.start();
    } catch (RuntimeException e) {
      throw new ClusterException("task " + spec.self() + " cannot start its TensorFlow server on "
          + spec.address(spec.self()) + ": " + e.getMessage()
          + " (is the port in use by another process? `ss -ltnp | grep " + port(spec.address(spec.self())) + "` shows who holds it)", e);
    }
    ListeningExposure.warning(spec.self(), spec.address(spec.self()), ListeningExposure.publicInterfaceAddresses())
        .ifPresent(System.err::println);
    return new TaskServer(server, spec);
  }

  /** The ServerDef of this task: every job of the cluster, gRPC protocol. */
  public static ServerDef serverDef(ClusterSpec spec) {
    ClusterDef.Builder cluster = ClusterDef.newBuilder();
    for (String job : ClusterSpec.JOBS) {
      JobDef.Builder j = JobDef.newBuilder().setName(job);
      for (TaskId t : spec.tasks(job)) {
        j.putTasks(t.index(), spec.address(t));
      }
      cluster.addJob(j);
    }
    return ServerDef.newBuilder()
        .setCluster(cluster)
        .setJobName(spec.self().job())
        .setTaskIndex(spec.self().index())
        .setProtocol("grpc")
        .build();
  }

  /** The session target of this task's master. */
  public String target() {
    return "grpc://" + spec.address(spec.self());
  }

  /** Blocks until the process ends (TensorFlow servers cannot be stopped). */
  public void join() {
    server.join();
  }

  private static String port(String address) {
    return address.substring(address.lastIndexOf(':') + 1);
  }
}
