package io.expertize.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster descriptions from a file or TF_CONFIG, and every way they can be wrong, each named. */
class ClusterSpecReaderTest {
  private static final String CLUSTER = "{\"cluster\": {\"chief\": [\"127.0.0.1:2222\"], "
      + "\"worker\": [\"127.0.0.1:2223\", \"127.0.0.1:2224\"], \"ps\": [\"127.0.0.1:2225\"]}";

  private final ClusterSpecReader reader = new ClusterSpecReader(false);

  @TempDir Path tmp;

  private static String withTask(String type, int index) {
    return CLUSTER + ", \"task\": {\"type\": \"" + type + "\", \"index\": " + index + "}}";
  }

  private Path file(String json) throws Exception {
    Path f = tmp.resolve("cluster.json");
    Files.writeString(f, json);
    return f;
  }

  @Test
  void readsAFileWithItsTask() throws Exception {
    ClusterSpec spec = reader.read(Optional.of(file(withTask("worker", 1))), Optional.empty(), Map.of()).orElseThrow();
    assertThat(spec.self()).isEqualTo(new TaskId("worker", 1));
    assertThat(spec.address(spec.self())).isEqualTo("127.0.0.1:2224");
    assertThat(spec.allTasks()).extracting(TaskId::toString).containsExactly("chief:0", "worker:0", "worker:1", "ps:0");
  }

  @Test
  void taskOptionWinsOverTheFilesTask() throws Exception {
    ClusterSpec spec = reader.read(Optional.of(file(withTask("worker", 1))), Optional.of(TaskId.parse("ps:0")), Map.of())
        .orElseThrow();
    assertThat(spec.self()).isEqualTo(new TaskId("ps", 0));
  }

  @Test
  void readsTfConfigWhenNoFileIsGiven() {
    ClusterSpec spec = reader.read(Optional.empty(), Optional.empty(), Map.of("TF_CONFIG", withTask("chief", 0)))
        .orElseThrow();
    assertThat(spec.self()).isEqualTo(spec.chief());
    assertThat(spec.workers()).hasSize(2);
  }

  @Test
  void theFileWinsOverTfConfig() throws Exception {
    ClusterSpec spec = reader.read(Optional.of(file(withTask("worker", 0))), Optional.empty(),
        Map.of("TF_CONFIG", withTask("chief", 0))).orElseThrow();
    assertThat(spec.self()).isEqualTo(new TaskId("worker", 0));
  }

  @Test
  void noClusterAtAllIsASingleProcessRun() {
    assertThat(reader.read(Optional.empty(), Optional.empty(), Map.of())).isEmpty();
    assertThat(reader.read(Optional.empty(), Optional.empty(), Map.of("TF_CONFIG", " "))).isEmpty();
  }

  @Test
  void aTaskWithoutAClusterIsRefused() {
    assertThatThrownBy(() -> reader.read(Optional.empty(), Optional.of(TaskId.parse("worker:0")), Map.of()))
        .isInstanceOf(ClusterException.class).hasMessageContaining("--task worker:0 needs a cluster");
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = tmp.resolve("nope.json");
    assertThatThrownBy(() -> reader.readFile(missing, Optional.empty()))
        .hasMessage("cluster file " + missing + " does not exist");
  }

  @Test
  void badJsonNamesTheFile() throws Exception {
    Path f = file("{\"cluster\": {\"chief\": [");
    assertThatThrownBy(() -> reader.readFile(f, Optional.empty()))
        .isInstanceOf(ClusterException.class).hasMessageStartingWith("cluster file " + f + " is not valid JSON");
  }

  @Test
  void badTfConfigNamesTheVariable() {
    assertThatThrownBy(() -> reader.read(Optional.empty(), Optional.empty(), Map.of("TF_CONFIG", "[1, 2]")))
        .hasMessageContaining("the TF_CONFIG environment variable: expected a JSON object");
  }

  @Test
  void wrongFieldsAreNamed() throws Exception {
    assertThatThrownBy(() -> reader.readFile(file("{\"task\": {}}"), Optional.empty()))
        .hasMessageContaining("'cluster' is missing or not an object");
    assertThatThrownBy(() -> reader.readFile(file(
        "{\"cluster\": {\"chief\": [\"127.0.0.1:1\"], \"evaluator\": [\"127.0.0.1:2\"]}}"), Optional.empty()))
        .hasMessageContaining("cluster.evaluator is not a job Expertize runs; the jobs are chief, worker, ps");
    assertThatThrownBy(() -> reader.readFile(file(
        "{\"cluster\": {\"chief\": [\"127.0.0.1:1\"], \"worker\": \"127.0.0.1:2\", \"ps\": [\"127.0.0.1:3\"]}}"),
        Optional.empty()))
        .hasMessageContaining("cluster.worker must be a list of \"host:port\" addresses");
    assertThatThrownBy(() -> reader.readFile(file(
        "{\"cluster\": {\"chief\": [\"127.0.0.1:1\"], \"worker\": [2], \"ps\": [\"127.0.0.1:3\"]}}"), Optional.empty()))
        .hasMessageContaining("cluster.worker holds 2; each entry is a \"host:port\" string");
    assertThatThrownBy(() -> reader.readFile(file(
        "{\"cluster\": {\"worker\": [\"127.0.0.1:2\"], \"ps\": [\"127.0.0.1:3\"]}}"), Optional.of(TaskId.parse("worker:0"))))
        .hasMessageContaining("cluster.chief has 0 task(s); expected exactly 1");
    assertThatThrownBy(() -> reader.readFile(file(
        "{\"cluster\": {\"chief\": [\"127.0.0.1:1\"], \"worker\": [\"127.0.0.1:2\"]}}"), Optional.of(TaskId.parse("worker:0"))))
        .hasMessageContaining("cluster.ps has 0 task(s); expected at least 1");
    assertThatThrownBy(() -> reader.readFile(file(CLUSTER + "}"), Optional.empty()))
        .hasMessageContaining("no task given: add \"task\": {\"type\": \"worker\", \"index\": 0} or --task JOB:INDEX");
  }

  @Test
  void badAddressesAreNamed() {
    String json = "{\"cluster\": {\"chief\": [\"127.0.0.1:1\"], \"worker\": [\"127.0.0.1:99999\"], \"ps\": [\"localhost\"]}}";
    assertThatThrownBy(() -> reader.parse(json, "cluster file c.json", Optional.of(TaskId.parse("chief:0"))))
        .hasMessage("cluster file c.json: task worker:0 has address '127.0.0.1:99999'; expected host:port with a port 1..65535");
  }

  @Test
  void aTaskNotInTheClusterIsRefused() throws Exception {
    Path f = file(CLUSTER + "}");
    assertThatThrownBy(() -> reader.readFile(f, Optional.of(TaskId.parse("worker:2"))))
        .hasMessage("cluster file " + f + ": task worker:2 is out of range: job worker has 2 task(s), indices 0..1");
    assertThatThrownBy(() -> reader.readFile(f, Optional.of(TaskId.parse("evaluator:0"))))
        .hasMessageContaining("task evaluator:0 names job 'evaluator', not one of chief, worker, ps");
    assertThatThrownBy(() -> TaskId.parse("worker")).hasMessageContaining("expected JOB:INDEX");
    assertThatThrownBy(() -> TaskId.parse("worker:one")).hasMessageContaining("must be an integer");
  }

  @Test
  void anAddressGivenTwiceIsRefusedAndThisTaskIsSaidToBeNamedTwice() {
    String json = "{\"cluster\": {\"chief\": [\"127.0.0.1:7000\"], \"worker\": [\"127.0.0.1:7001\", \"127.0.0.1:7001\"], "
        + "\"ps\": [\"127.0.0.1:7000\"]}}";
    assertThatThrownBy(() -> reader.parse(json, "cluster file c.json", Optional.of(TaskId.parse("chief:0"))))
        .hasMessage("cluster file c.json: address 127.0.0.1:7001 is given to both worker:0 and worker:1; "
            + "every task needs its own host:port");
    String twice = "{\"cluster\": {\"chief\": [\"127.0.0.1:7000\"], \"worker\": [\"127.0.0.1:7000\"], \"ps\": [\"127.0.0.1:7002\"]}}";
    assertThatThrownBy(() -> reader.parse(twice, "cluster file c.json", Optional.of(TaskId.parse("worker:0"))))
        .hasMessageContaining("given to both chief:0 and worker:0 (this task, worker:0, is named twice)");
  }

  @Test
  void aPublicAddressIsRefusedUnlessAllowed() {
    String json = "{\"cluster\": {\"chief\": [\"10.1.2.3:2222\"], \"worker\": [\"8.8.8.8:2222\"], \"ps\": [\"192.168.0.5:2222\"]}}";
    assertThatThrownBy(() -> reader.parse(json, "cluster file c.json", Optional.of(TaskId.parse("chief:0"))))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("task worker:0 has address 8.8.8.8:2222 (8.8.8.8), a public address")
        .hasMessageContaining("no authentication")
        .hasMessageContaining("--allow-public-address");
    ClusterSpec allowed = new ClusterSpecReader(true).parse(json, "cluster file c.json", Optional.of(TaskId.parse("chief:0")));
    assertThat(allowed.address(new TaskId("worker", 0))).isEqualTo("8.8.8.8:2222");
  }

  @Test
  void privateNetworksAreAccepted() {
    String json = "{\"cluster\": {\"chief\": [\"127.0.0.1:1\"], \"worker\": [\"10.0.0.1:2\", \"172.16.4.4:2\", "
        + "\"192.168.1.1:2\", \"100.64.0.1:2\", \"[fd00::1]:2\", \"[::1]:3\"], \"ps\": [\"169.254.0.1:2\"]}}";
    assertThat(reader.parse(json, "c.json", Optional.of(TaskId.parse("chief:0"))).workers()).hasSize(6);
  }

  @Test
  void theWrittenFormIsReadBack() {
    ClusterSpec spec = reader.parse(withTask("ps", 0), "c.json", Optional.empty());
    ClusterSpec again = reader.parse(ClusterJson.write(spec), "c.json", Optional.empty());
    assertThat(again).isEqualTo(spec);
    assertThat(again.as(new TaskId("worker", 1)).self()).isEqualTo(new TaskId("worker", 1));
    assertThat(again.taskAt("127.0.0.1:2224")).contains(new TaskId("worker", 1));
  }

  @Test
  void localClusterSizesAreChecked() {
    assertThat(LocalCluster.parseSize("workers=2,ps=1")).containsExactly(2, 1);
    assertThat(LocalCluster.parseSize(" ps=3 , workers=1")).containsExactly(1, 3);
    assertThatThrownBy(() -> LocalCluster.parseSize("workers=2")).hasMessageContaining("needs workers >= 1 and ps >= 1");
    assertThatThrownBy(() -> LocalCluster.parseSize("w=2,ps=1")).hasMessageContaining("expected workers=W,ps=P");
    assertThatThrownBy(() -> LocalCluster.parseSize("workers=two,ps=1")).hasMessageContaining("expected workers=W,ps=P");
    List<String> addresses = LocalCluster.addresses(20);
    assertThat(addresses).allMatch(a -> a.startsWith("127.0.0.1:")).doesNotHaveDuplicates();
    ClusterSpec spec = LocalCluster.loopbackSpec(2, 1);
    assertThat(spec.allTasks()).extracting(TaskId::toString).containsExactly("chief:0", "worker:0", "worker:1", "ps:0");
    assertThat(spec.allTasks().stream().map(spec::address)).doesNotHaveDuplicates();
  }
}
