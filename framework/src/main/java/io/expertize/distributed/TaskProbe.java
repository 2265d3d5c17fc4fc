package io.expertize.distributed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether tasks answer: a TCP connection to each task's gRPC port. Start-up waits for every task with a
 * bounded timeout and names those that never answered.
 */
public final class TaskProbe {
  private final Duration connectTimeout;

  public TaskProbe(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public TaskProbe() {
    this(Duration.ofSeconds(2));
  }

  public boolean answers(String address) {
    int colon = address.lastIndexOf(':');
    String host = address.substring(0, colon);
    int port = Integer.parseInt(address.substring(colon + 1));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The tasks among {@code tasks} that do not answer now. */
  public List<TaskId> unanswered(ClusterSpec spec, List<TaskId> tasks) {
    List<TaskId> gone = new ArrayList<>();
    for (TaskId t : tasks) {
      if (!answers(spec.address(t))) {
        gone.add(t);
      }
    }
    return gone;
  }

  /**
   * Waits until every task of {@code tasks} answers, at most {@code timeout}.
   *
   * @throws ClusterException naming the tasks that did not answer in time
   */
  public void awaitAll(ClusterSpec spec, List<TaskId> tasks, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<TaskId> waiting = new ArrayList<>(tasks);
    while (true) {
      waiting = unanswered(spec, waiting);
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterException("task" + (waiting.size() > 1 ? "s " : " ")
            + String.join(", ", waiting.stream().map(t -> t + " (" + spec.address(t) + ")").toList())
            + " did not answer within " + timeout.toSeconds() + " s; start " + (waiting.size() > 1 ? "them" : "it")
            + " with `expertize worker --cluster FILE --task JOB:INDEX`, or check the address and firewall");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterException("interrupted while waiting for the cluster's tasks", e);
      }
    }
  }
}
