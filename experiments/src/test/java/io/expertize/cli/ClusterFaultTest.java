package io.expertize.cli;

import static io.expertize.cli.CliEndToEndTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.cli.CliEndToEndTest.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker or the ps JVM of {@code --local-cluster workers=2,ps=1} killed with SIGKILL mid-run: the chief stops
 * (exit 1) with a message naming the task, no child process outlives it, and {@code --resume} on a
 * restarted cluster continues from the last checkpoint to the losses of an uninterrupted cluster run;
 * resumed in one process instead (another cluster size), it continues to the same losses within 1e-5.
 */
class ClusterFaultTest {
  private static final int STEPS = 40;
  private static final int KILL_AFTER = 12;

  @TempDir Path tmp;

  private static List<String> args(Path run) {
    return TinyRuns.train(run, STEPS, "--set", "train.log-every=1", "--set", "train.checkpoint-every=5",
        "--local-cluster", "workers=2,ps=1");
  }

  @ParameterizedTest(name = "{0} killed")
  @ValueSource(strings = {"worker:1", "ps:0"})
  void aKilledTaskIsNamedAndTheRunResumesOnANewClusterExactly(String victim) throws Exception {
    Path reference = tmp.resolve("reference");
    Outcome uninterrupted = cli(args(reference).toArray(String[]::new));
    assertThat(uninterrupted.code()).as(uninterrupted.err()).isZero();

    Path run = tmp.resolve("run");
    CliProcess chief = CliProcess.start(tmp, "chief", args(run));
    ProcessHandle chiefHandle = ProcessHandle.of(chief.pid()).orElseThrow();
    ChildProcesses.Watch watch = ChildProcesses.watch(chiefHandle);
    int code;
    try {
      assertThat(chief.await(() -> TinyRuns.lastLoggedStep(run) >= KILL_AFTER, 300)).as("step %d logged", KILL_AFTER).isTrue();
      ProcessHandle target = task(chiefHandle, victim).orElseThrow(() -> new AssertionError("no " + victim + " child"));
      new ProcessBuilder("kill", "-KILL", Long.toString(target.pid())).start().waitFor();
      long killed = System.nanoTime();
      code = chief.exitCode(120); // a hang here is a failure: the chief must notice the lost task
      System.out.printf("chief stopped %.1f s after the kill: %s%n", (System.nanoTime() - killed) / 1e9,
          chief.err().lines().filter(l -> l.startsWith("expertize train:")).findFirst().orElse(chief.err()));
    } finally {
      watch.stop();
    }
    assertThat(code).as(chief.err()).isEqualTo(1);
    assertThat(chief.err()).containsPattern("step \\d+ failed: task " + victim + " \\(127\\.0\\.0\\.1:\\d+\\) no longer answers")
        .contains("--resume").containsPattern("TensorFlow said: [^\\n]*[A-Za-z]");
    assertThat(TinyRuns.lastLoggedStep(run)).isLessThan(STEPS);
    assertThat(watch.seen()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(ChildProcesses.stillAlive(watch.seen())).as("orphans").isEmpty();

    Path alone = tmp.resolve("resumed-in-one-process");
    Directories.copy(run, alone);

    Outcome resumed = cli("train", "--resume", run.toString(), "--local-cluster", "workers=2,ps=1");
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(values(TinyRuns.records(run, "train"))).as("every logged step").isEqualTo(values(TinyRuns.records(reference, "train")));
    assertThat(values(TinyRuns.records(run, "eval"))).isEqualTo(values(TinyRuns.records(reference, "eval")));

    // the checkpoint does not depend on the cluster: the same run continues in this process alone
    Outcome single = cli("train", "--resume", alone.toString());
    assertThat(single.code()).as(single.err()).isZero();
    List<ObjectNode> expected = TinyRuns.records(reference, "train");
    List<ObjectNode> got = TinyRuns.records(alone, "train");
    assertThat(got).hasSameSizeAs(expected);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i).path("step").asLong()).isEqualTo(expected.get(i).path("step").asLong());
      assertThat(got.get(i).path("loss").asDouble()).as("loss at step %d", got.get(i).path("step").asLong())
          .isCloseTo(expected.get(i).path("loss").asDouble(), within(1e-5));
    }
  }

  /** The child JVM serving {@code task} ({@code expertize worker ... --task worker:1}). */
  private static Optional<ProcessHandle> task(ProcessHandle chief, String task) {
    return chief.descendants().filter(h -> {
      List<String> a = arguments(h);
      int i = a.indexOf("--task");
      return a.contains("worker") && i >= 0 && i + 1 < a.size() && a.get(i + 1).equals(task);
    }).findFirst();
  }

  /**
   * The process's arguments from /proc (this test kills with kill(1), so it is Linux's already):
   * ProcessHandle.Info gives none once the command line passes 4096 bytes, as a child's class path
   * under surefire does.
   */
  private static List<String> arguments(ProcessHandle h) {
    try {
      String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")),
          StandardCharsets.UTF_8);
      return Arrays.asList(cmdline.split("\0"));
    } catch (IOException e) {
      return List.of(); // gone meanwhile
    }
  }

  private static List<List<String>> values(List<ObjectNode> records) {
    List<List<String>> v = new ArrayList<>();
    for (ObjectNode r : records) {
      v.add(List.of(r.path("step").asText(), r.path("loss").asText(), r.path("lr").asText()));
    }
    return v;
  }
}
