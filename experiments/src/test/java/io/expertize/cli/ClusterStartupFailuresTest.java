package io.expertize.cli;

import static io.expertize.cli.CliEndToEndTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.cli.CliEndToEndTest.Outcome;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster that cannot start fails with exit code 2 and a message naming the task, and leaves no
 * process behind: a task that never answers (named, with the timeout), a port another process holds,
 * a cluster file that gives this task's address twice, and a local cluster whose children do not
 * answer in time (they are stopped). Loopback only. Runs that start a TensorFlow server run as a
 * process of their own, so their servers (which TensorFlow cannot stop) end with them.
 */
class ClusterStartupFailuresTest {
  @TempDir Path tmp;

  private static String clusterJson(String chief, String worker, String ps) {
    return "{\"cluster\": {\"chief\": [\"" + chief + "\"], \"worker\": [\"" + worker + "\"], \"ps\": [\"" + ps + "\"]}}";
  }

  private Path clusterFile(String json) throws Exception {
    Path file = tmp.resolve("cluster.json");
    Files.writeString(file, json);
    return file;
  }

  /** Three distinct loopback addresses nobody listens on (each held until all are chosen). */
  private static List<String> freeAddresses() throws Exception {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return held.stream().map(s -> "127.0.0.1:" + s.getLocalPort()).toList();
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  /** Runs {@code expertize ARGS} as a process; returns it ended, with every process it started gone. */
  private CliProcess runToEnd(String name, List<String> args) throws Exception {
    CliProcess p = CliProcess.start(tmp.resolve("logs"), name, args);
    ChildProcesses.Watch watch = ChildProcesses.watch(ProcessHandle.of(p.pid()).orElseThrow());
    try {
      p.exitCode(180);
    } finally {
      watch.stop();
    }
    assertThat(ChildProcesses.stillAlive(watch.seen())).as("orphans of %s", name).isEmpty();
    return p;
  }

  @Test
  void tasksThatNeverAnswerAreNamedAfterTheTimeout() throws Exception {
    List<String> free = freeAddresses();
    String worker = free.get(1);
    String ps = free.get(2);
    Path file = clusterFile(clusterJson(free.get(0), worker, ps));
    List<String> args = new ArrayList<>(TinyRuns.train(tmp.resolve("run"), 5));
    args.addAll(List.of("--cluster", file.toString(), "--task", "chief:0", "--cluster-timeout", "2"));
    CliProcess chief = runToEnd("never-up", args);
    assertThat(chief.exitCode(1)).as(chief.err()).isEqualTo(2);
    assertThat(chief.err()).contains("tasks worker:0 (" + worker + "), ps:0 (" + ps + ") did not answer within 2 s",
        "expertize worker --cluster FILE --task");
    assertThat(tmp.resolve("run/summary.json")).doesNotExist();
  }

  @Test
  void aPortInUseIsNamed() throws Exception {
    try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String address = "127.0.0.1:" + held.getLocalPort();
      List<String> free = freeAddresses();
      Path file = clusterFile(clusterJson(free.get(0), address, free.get(2)));
      CliProcess worker = runToEnd("port-in-use", List.of("worker", "--cluster", file.toString(), "--task", "worker:0"));
      assertThat(worker.exitCode(1)).as(worker.err()).isEqualTo(2);
      assertThat(worker.err()).contains("task worker:0 cannot start its TensorFlow server on " + address,
          "ss -ltnp | grep " + held.getLocalPort());
    }
  }

  @Test
  void aClusterFileThatNamesThisTaskTwiceIsRefused() throws Exception {
    List<String> free = freeAddresses();
    String chief = free.get(0);
    Path file = clusterFile(clusterJson(chief, chief, free.get(2)));
    Set<Long> before = ChildProcesses.alive();
    Outcome o = cli(TinyRuns.train(tmp.resolve("run"), 5, "--cluster", file.toString(), "--task", "chief:0")
        .toArray(String[]::new));
    assertThat(o.code()).as(o.err()).isEqualTo(2);
    assertThat(o.err()).contains("cluster file " + file, "address " + chief + " is given to both chief:0 and worker:0",
        "(this task, chief:0, is named twice)");
    assertThat(ChildProcesses.alive()).isSubsetOf(before);
  }

  @Test
  void aLocalClusterThatDoesNotAnswerInTimeIsStopped() throws Exception {
    Set<Long> before = ChildProcesses.alive();
    // no JVM loads TensorFlow and binds its port within 0 s: the first probe finds every task silent
    Outcome o = cli(TinyRuns.train(tmp.resolve("run"), 5, "--local-cluster", "workers=2,ps=1", "--cluster-timeout", "0")
        .toArray(String[]::new));
    assertThat(o.code()).as(o.err()).isEqualTo(2);
    assertThat(o.err()).containsPattern("tasks worker:0 \\(127\\.0\\.0\\.1:\\d+\\), worker:1 \\(127\\.0\\.0\\.1:\\d+\\), "
        + "ps:0 \\(127\\.0\\.0\\.1:\\d+\\) did not answer within 0 s");
    Matcher logs = Pattern.compile("logs in (\\S+)\\)").matcher(o.err());
    assertThat(logs.find()).as(o.err()).isTrue();
    try (Stream<Path> files = Files.list(Path.of(logs.group(1)))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("the three children were started").contains("worker-0.log", "worker-1.log", "ps-0.log");
    }
    assertThat(ChildProcesses.alive()).as("orphans").isSubsetOf(before);
  }
}
