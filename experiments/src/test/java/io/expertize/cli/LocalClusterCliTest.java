package io.expertize.cli;

import static io.expertize.cli.CliEndToEndTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.cli.CliEndToEndTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code expertize train --local-cluster workers=2,ps=1} through the CLI (issue 16's acceptance): 20
 * steps of a tiny model, every step logged, give the single process's losses within 1e-5 for a
 * batch-wide scheme (dense) and for the mb bank (updated from the whole global batch), and every child
 * JVM the cluster started is gone when the command returns. An odd batch (shards of 9 and 8 rows)
 * makes a wrong shard weighting visible.
 */
class LocalClusterCliTest {
  private static final int STEPS = 20;

  @TempDir Path tmp;

  private static List<String> args(Path out, String scheme, String... more) {
    List<String> args = new ArrayList<>(TinyRuns.train(out, STEPS, "--set", "fusion.scheme=" + scheme,
        "--set", "train.log-every=1", "--set", "train.batch-size=17"));
    args.addAll(List.of(more));
    return args;
  }

  @ParameterizedTest
  @ValueSource(strings = {"dense", "mb"})
  void twoWorkersAndAPsLogTheSingleProcessLosses(String scheme) throws Exception {
    Outcome single = cli(args(tmp.resolve("single"), scheme).toArray(String[]::new));
    assertThat(single.code()).as(single.err()).isZero();

    Set<Long> before = ChildProcesses.alive();
    ChildProcesses.Watch watch = ChildProcesses.watch();
    Outcome cluster;
    try {
      cluster = cli(args(tmp.resolve("cluster"), scheme, "--local-cluster", "workers=2,ps=1").toArray(String[]::new));
    } finally {
      watch.stop();
    }
    assertThat(cluster.code()).as(cluster.err()).isZero();
    assertThat(cluster.out()).contains("cluster: chief:0 = 127.0.0.1:", "worker:1 = 127.0.0.1:", "ps:0 = 127.0.0.1:");

    List<ObjectNode> expected = TinyRuns.records(tmp.resolve("single"), "train");
    List<ObjectNode> actual = TinyRuns.records(tmp.resolve("cluster"), "train");
    assertThat(expected).hasSize(STEPS);
    assertThat(actual).extracting(r -> r.path("step").asLong())
        .containsExactlyElementsOf(expected.stream().map(r -> r.path("step").asLong()).toList());
    for (int i = 0; i < STEPS; i++) {
      assertThat(actual.get(i).path("loss").asDouble()).as("%s loss at step %d", scheme, i + 1)
          .isCloseTo(expected.get(i).path("loss").asDouble(), within(1e-5));
    }
    ObjectNode singleEval = TinyRuns.records(tmp.resolve("single"), "eval").get(0);
    ObjectNode clusterEval = TinyRuns.records(tmp.resolve("cluster"), "eval").get(0);
    assertThat(clusterEval.path("loss").asDouble()).isCloseTo(singleEval.path("loss").asDouble(), within(1e-5));
    assertThat(Files.isRegularFile(tmp.resolve("cluster/summary.json"))).isTrue();

    // the run started 3 child JVMs (2 workers, 1 ps) and none of them outlives it
    assertThat(watch.seen()).as("child JVMs seen during the cluster run").hasSizeGreaterThanOrEqualTo(3);
    assertThat(ChildProcesses.stillAlive(watch.seen())).as("orphans").isEmpty();
    assertThat(ChildProcesses.alive()).isSubsetOf(before);
  }
}
