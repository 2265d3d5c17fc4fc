package io.expertize.distributed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --local-cluster workers=W,ps=P}: a cluster on this machine, every worker and ps task a child
 * JVM running {@code expertize worker} on 127.0.0.1 with a free port, the chief this process. The
 * children are stopped (process tree destroyed) when the run ends or fails, and by a shutdown hook if
 * the chief is killed; a child whose parent is gone ends itself ({@code --parent-pid}).
 */
public final class LocalCluster implements AutoCloseable {
  private final ClusterSpec spec;
  private final Map<TaskId, Process> children = new LinkedHashMap<>();
  private final Path logs;
  private final Thread hook = new Thread(this::stopChildren, "local-cluster-stop");

  private LocalCluster(ClusterSpec spec, Path logs) {
    this.spec = spec;
    this.logs = logs;
  }

  /** Parses {@code workers=2,ps=1}. */
  public static int[] parseSize(String text) {
    int workers = 0;
    int ps = 0;
    for (String part : text.split(",")) {
      String[] kv = part.trim().split("=", 2);
      try {
        if (kv.length == 2 && kv[0].equals("workers")) {
          workers = Integer.parseInt(kv[1]);
        } else if (kv.length == 2 && kv[0].equals("ps")) {
          ps = Integer.parseInt(kv[1]);
        } else {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new ClusterException("--local-cluster " + text + ": expected workers=W,ps=P, e.g. workers=2,ps=1");
      }
    }
    if (workers < 1 || ps < 1) {
      throw new ClusterException("--local-cluster " + text + ": needs workers >= 1 and ps >= 1");
    }
    return new int[] {workers, ps};
  }

  /** Starts W workers and P ps tasks as child JVMs and waits (at most {@code timeout}) until each answers. */
  public static LocalCluster start(int workers, int ps, Duration timeout) {
    ClusterSpec spec = loopbackSpec(workers, ps);
    Path logs;
    Path file;
    try {
      logs = Files.createTempDirectory("expertize-local-cluster-");
      file = logs.resolve("cluster.json");
      Files.writeString(file, ClusterJson.write(spec));
    } catch (IOException e) {
      throw new ClusterException("cannot write the local cluster's description: " + e.getMessage(), e);
    }
    LocalCluster cluster = new LocalCluster(spec, logs);
    Runtime.getRuntime().addShutdownHook(cluster.hook);
    try {
      for (TaskId t : spec.allTasks()) {
        if (!t.equals(spec.self())) {
          cluster.launch(t, file);
        }
      }
      cluster.await(timeout);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public ClusterSpec spec() {
    return spec;
  }

  /** The child process of a task (tests kill one to see the chief name it). */
  public Process process(TaskId task) {
    return children.get(task);
  }

  private void launch(TaskId task, Path file) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.expertize.cli.Main");
    cmd.add("worker");
    cmd.add("--cluster");
    cmd.add(file.toString());
    cmd.add("--task");
    cmd.add(task.toString());
    cmd.add("--parent-pid");
    cmd.add(Long.toString(ProcessHandle.current().pid()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(logs.resolve(task.job() + "-" + task.index() + ".log").toFile());
    pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
    try {
      children.put(task, pb.start());
    } catch (IOException e) {
      throw new ClusterException("cannot start task " + task + " as a child process: " + e.getMessage(), e);
    }
  }

  private void await(Duration timeout) {
    TaskProbe probe = new TaskProbe(Duration.ofMillis(500));
    long deadline = System.nanoTime() + timeout.toNanos();
    List<TaskId> waiting = new ArrayList<>(children.keySet());
    while (!waiting.isEmpty()) {
      for (TaskId t : List.copyOf(waiting)) {
        Process p = children.get(t);
        if (!p.isAlive()) {
          throw new ClusterException("task " + t + " (" + spec.address(t) + ") exited with code " + p.exitValue()
              + " while starting: " + lastLine(t));
        }
        if (probe.answers(spec.address(t))) {
          waiting.remove(t);
        }
      }
      if (!waiting.isEmpty() && System.nanoTime() > deadline) {
        throw new ClusterException("task" + (waiting.size() > 1 ? "s " : " ")
            + String.join(", ", waiting.stream().map(t -> t + " (" + spec.address(t) + ")").toList())
            + " did not answer within " + timeout.toSeconds() + " s (logs in " + logs + ")");
      }
      sleep(200);
    }
  }

  private String lastLine(TaskId t) {
    try {
      List<String> lines = Files.readAllLines(logs.resolve(t.job() + "-" + t.index() + ".log"));
      return lines.stream().filter(l -> l.contains("expertize")).reduce((a, b) -> b)
          .orElse(lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private void stopChildren() {
    for (Process p : children.values()) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : children.values()) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    stopChildren();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while starting the local cluster", e);
    }
  }

  /** A chief, {@code workers} workers and {@code ps} ps tasks on distinct free loopback ports, seen from the chief. */
  static ClusterSpec loopbackSpec(int workers, int ps) {
    List<String> all = addresses(1 + workers + ps);
    Map<String, List<String>> jobs = new LinkedHashMap<>();
    jobs.put(ClusterSpec.CHIEF, all.subList(0, 1));
    jobs.put(ClusterSpec.WORKER, all.subList(1, 1 + workers));
    jobs.put(ClusterSpec.PS, all.subList(1 + workers, all.size()));
    return new ClusterSpec(jobs, new TaskId(ClusterSpec.CHIEF, 0));
  }

  /**
   * {@code n} distinct loopback addresses free now: every port is held until all are chosen (a port
   * closed at once may be handed out again). Another process may take one before its task binds it:
   * then the task names it.
   */
  static List<String> addresses(int n) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<String> a = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        a.add("127.0.0.1:" + s.getLocalPort());
      }
      return a;
    } catch (IOException e) {
      throw new ClusterException("no free loopback port: " + e.getMessage(), e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a listening socket that accepted nothing does not fail in a way that matters here
        }
      }
    }
  }
}
