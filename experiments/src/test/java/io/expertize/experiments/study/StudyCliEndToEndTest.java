package io.expertize.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The smoke study through the CLI in child processes, as CI runs it: the runner is SIGKILLed while a
 * cell trains, its children stop themselves, a second runner is refused while the first holds the
 * directory, and a restarted runner finishes the study: every cell once, the interrupted one resumed
 * from its checkpoint, the failing arm recorded with its error and not run again.
 */
class StudyCliEndToEndTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofMinutes(15);

  @TempDir Path tmp;

  record Outcome(int code, String out) {}

  private static Process cli(Path log, String... args) throws IOException {
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), "io.expertize.cli.Main"));
    argv.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("CI", "1");
    return builder.start();
  }

  private static Outcome finish(Process p, Path log) throws Exception {
    assertThat(p.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("finished in time; log:\n" + Files.readString(log)).isTrue();
    return new Outcome(p.exitValue(), Files.readString(log));
  }

  /** The shipped smoke study plus an arm whose cells fail (their data directory does not exist). */
  @SuppressWarnings("unchecked")
  private Path smokeStudyWithAFailingArm() throws IOException {
    Map<String, Object> study = new Yaml().load(Files.readString(REPO.resolve("experiments/studies/smoke.yaml")));
    ((Map<String, Object>) study.get("base")).put("config", REPO.resolve("configs/vit_quickstart.yaml").toString());
    List<Object> arms = new ArrayList<>((List<Object>) study.get("arms"));
    Map<String, Object> broken = new LinkedHashMap<>();
    broken.put("name", "broken");
    broken.put("set", Map.of("data.dir", tmp.resolve("no-such-data").toString()));
    arms.add(0, broken);
    study.put("arms", arms);
    Path file = tmp.resolve("smoke.yaml");
    Files.writeString(file, new Yaml().dump(study));
    return file;
  }

  private static JsonNode cells(Path dir) throws IOException {
    Path state = dir.resolve("state.json");
    return Files.exists(state) ? JSON.readTree(state.toFile()).get("cells") : JSON.createObjectNode();
  }

  /** A cell that is training now and has written a checkpoint, once one cell is done. */
  private static String runningWithCheckpoint(Path dir) throws IOException {
    JsonNode cells = cells(dir);
    boolean oneDone = false;
    String candidate = null;
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) cells::fields) {
      String status = e.getValue().get("status").asText();
      oneDone |= status.equals("DONE");
      Path run = Path.of(e.getValue().get("run").asText());
      if (status.equals("RUNNING") && CellRun.hasCheckpoint(run) && CellRun.summary(run).isEmpty()) {
        candidate = e.getKey();
      }
    }
    return oneDone ? candidate : null;
  }

  @Test
  void aKilledRunnerRestartedFinishesEveryCellOnce() throws Exception {
    Path study = smokeStudyWithAFailingArm();
    Path dir = tmp.resolve("study");
    Process runner = cli(tmp.resolve("runner-1.log"), "study", "run", study.toString(), "--out", dir.toString(),
        "--parallel", "2");

    for (Instant end = Instant.now().plus(PATIENCE); !Files.exists(dir.resolve("state.json")); Thread.sleep(100)) {
      assertThat(Instant.now()).as("the runner starts").isBefore(end);
    }
    Outcome second = finish(cli(tmp.resolve("runner-2.log"), "study", "run", study.toString(), "--out", dir.toString()),
        tmp.resolve("runner-2.log"));
    assertThat(second.code()).isEqualTo(2);
    assertThat(second.out()).contains("is in use by another runner (pid " + runner.pid());

    String interrupted = null;
    for (Instant end = Instant.now().plus(PATIENCE); interrupted == null; Thread.sleep(100)) {
      assertThat(runner.isAlive()).as("runner still running; log:\n" + Files.readString(tmp.resolve("runner-1.log"))).isTrue();
      assertThat(Instant.now()).as("a cell trains with a checkpoint while another is done").isBefore(end);
      interrupted = runningWithCheckpoint(dir);
    }
    runner.destroyForcibly().waitFor();
    List<Long> children = new ArrayList<>();
    Set<String> runningAtKill = new HashSet<>();
    cells(dir).fields().forEachRemaining(e -> {
      if (e.getValue().get("status").asText().equals("RUNNING")) {
        children.add(e.getValue().get("pid").asLong());
        runningAtKill.add(e.getKey());
      }
    });
    assertThat(children).isNotEmpty();
    for (long pid : children) {
      ProcessHandle.of(pid).ifPresent(h -> assertThat(h.onExit().orTimeout(10, TimeUnit.SECONDS).join().isAlive()).isFalse());
    }
    // a child sees its runner gone within a second; a cell that close to its end may finish first (done, not resumed)
    boolean finishedAlone = CellRun.summary(Path.of(cells(dir).get(interrupted).get("run").asText())).isPresent();
    if (finishedAlone) {
      System.out.println(interrupted + " finished before it saw its runner gone; the resume branch is not exercised");
    }

    Outcome restart = finish(cli(tmp.resolve("runner-3.log"), "study", "run", study.toString(), "--out", dir.toString(),
        "--parallel", "2"), tmp.resolve("runner-3.log"));
    assertThat(restart.out()).contains("taking over the stale lock");
    assertThat(restart.code()).as(restart.out()).isEqualTo(1);
    assertThat(restart.out()).contains("2 failed", "broken/seed-1", "broken/seed-2");

    JsonNode cells = cells(dir);
    assertThat(cells.size()).isEqualTo(6);
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) cells::fields) {
      JsonNode c = e.getValue();
      Path run = Path.of(c.get("run").asText());
      if (e.getKey().startsWith("broken/")) {
        assertThat(c.get("status").asText()).isEqualTo("FAILED");
        // a failed cell is not retried; one the kill interrupted runs (and fails) once more
        assertThat(c.get("attempts").asInt()).as("attempts of " + e.getKey())
            .isEqualTo(runningAtKill.contains(e.getKey()) ? 2 : 1);
        assertThat(c.get("exit_code").asInt()).isEqualTo(2);
        assertThat(c.get("error").asText()).contains("no-such-data");
      } else {
        assertThat(c.get("status").asText()).as(e.getKey()).isEqualTo("DONE");
        assertThat(CellRun.summary(run)).as(e.getKey()).isPresent();
        assertThat(c.get("command").asText()).startsWith("TF_NUM_INTRAOP_THREADS=1 TF_NUM_INTEROP_THREADS=1 ./expertize train --config ")
            .endsWith("--set seed=" + e.getKey().substring(e.getKey().lastIndexOf('-') + 1) + " --out " + run);
        assertThat(c.get("intra_op_threads").asInt()).isEqualTo(1);
        assertThat(c.get("commit").asText()).matches("[0-9a-f]{40}");
        assertThat(c.get("cpu").asText()).as("the processor that ran it").isEqualTo(BuildInfo.cpuModel()).isNotBlank();
        String log = Files.readString(dir.resolve("logs").resolve(e.getKey() + ".log"), StandardCharsets.UTF_8);
        if (e.getKey().equals(interrupted) && !finishedAlone) {
          assertThat(c.get("attempts").asInt()).isEqualTo(2);
          assertThat(log).contains("(resumed)", "the runner (pid " + runner.pid() + ") is gone");
        } else if (c.get("attempts").asInt() == 1) {
          assertThat(log).doesNotContain("(resumed)");
        }
      }
    }
    assertThat(restart.out()).doesNotContain("cell " + firstDone(tmp.resolve("runner-1.log")) + " done");

    Outcome status = finish(cli(tmp.resolve("status.log"), "study", "status", dir.toString()), tmp.resolve("status.log"));
    assertThat(status.code()).isEqualTo(0);
    assertThat(status.out()).contains("no runner at work", "6 cells: 4 done, 0 running, 2 failed, 0 left");

    forgetArmsAxesAndSeeds(dir);
    Outcome again = finish(cli(tmp.resolve("runner-4.log"), "study", "run", study.toString(), "--out", dir.toString()),
        tmp.resolve("runner-4.log"));
    assertThat(again.out()).as("state files of early runners are completed, nothing reruns").contains("6 cells, 0 to run")
        .doesNotContain("(resumed)");

    Outcome report = finish(cli(tmp.resolve("report.log"), "study", "report", dir.toString()), tmp.resolve("report.log"));
    assertThat(report.code()).as(report.out()).isEqualTo(0);
    assertThat(report.out()).contains("mb vs dense: test top-1 (%)");
    reportHoldsEveryCellOnceWithItsOwnNumbers(dir, cells);

    Outcome againstMb = finish(cli(tmp.resolve("report-mb.log"), "study", "report", dir.toString(), "--baseline", "mb"),
        tmp.resolve("report-mb.log"));
    assertThat(againstMb.code()).as(againstMb.out()).isEqualTo(0);
    assertThat(againstMb.out()).contains("dense vs mb: test top-1 (%)");
    assertThat(Files.readString(dir.resolve("report-vs-mb.md"))).contains("arm - mb;", "| dense |");
    assertThat(Files.readString(dir.resolve("report.md"))).as("the study file's report stays").contains("arm - dense;");
    Outcome unknown = finish(cli(tmp.resolve("report-x.log"), "study", "report", dir.toString(), "--baseline", "x"),
        tmp.resolve("report-x.log"));
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.out()).contains("--baseline x: study smoke has no such arm; its arms: broken, dense, mb");

    keptCopyIsAStudyOfItsOwn(study, dir);
  }

  /** `study keep` elsewhere: no checkpoints, the same report, and a runner that finds nothing to do. */
  private void keptCopyIsAStudyOfItsOwn(Path study, Path dir) throws Exception {
    Path kept = tmp.resolve("elsewhere/kept");
    Outcome keep = finish(cli(tmp.resolve("keep.log"), "study", "keep", dir.toString(), kept.toString()), tmp.resolve("keep.log"));
    assertThat(keep.code()).as(keep.out()).isEqualTo(0);
    try (var files = Files.walk(kept)) {
      assertThat(files.map(kept::relativize).map(Path::toString))
          .contains("state.json", "study.yaml", "report.md", "results.json", "cells/dense/seed-1/summary.json",
              "cells/mb/seed-2/metrics.jsonl", "logs/mb/seed-2.log")
          .noneMatch(p -> p.contains("checkpoints") || p.contains("tensorboard") || p.endsWith(".lock"));
    }
    Outcome report = finish(cli(tmp.resolve("kept-report.log"), "study", "report", kept.toString()), tmp.resolve("kept-report.log"));
    assertThat(report.code()).as(report.out()).isEqualTo(0);
    assertThat(JSON.readTree(kept.resolve("results.json").toFile()).get("comparisons"))
        .isEqualTo(JSON.readTree(dir.resolve("results.json").toFile()).get("comparisons"));
    Outcome run = finish(cli(tmp.resolve("kept-run.log"), "study", "run", study.toString(), "--out", kept.toString()),
        tmp.resolve("kept-run.log"));
    assertThat(run.out()).as("the moved cells are the planned ones, finished").contains("6 cells, 0 to run");
    Outcome refused = finish(cli(tmp.resolve("keep-2.log"), "study", "keep", dir.toString(), REPO.resolve("experiments").toString()),
        tmp.resolve("keep-2.log"));
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.out()).contains("is not a kept copy of study smoke");
  }

  /** state.json as runners wrote it before records named their arm, axes and seed. */
  private static void forgetArmsAxesAndSeeds(Path dir) throws IOException {
    JsonNode state = JSON.readTree(dir.resolve("state.json").toFile());
    state.get("cells").forEach(c -> ((ObjectNode) c).remove(List.of("arm", "axes", "seed")));
    JSON.writeValue(dir.resolve("state.json").toFile(), state);
  }

  /** results.json, results.csv and report.md against the cells' summary.json, number for number. */
  private static void reportHoldsEveryCellOnceWithItsOwnNumbers(Path dir, JsonNode state) throws IOException {
    JsonNode results = JSON.readTree(dir.resolve("results.json").toFile());
    assertThat(results.get("cells").size()).isEqualTo(6);
    Map<String, Double> top1 = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) state::fields) {
      Path run = Path.of(e.getValue().get("run").asText());
      JsonNode cell = results.get("cells").get(e.getKey());
      if (e.getKey().startsWith("broken/")) {
        assertThat(cell.get("top1").isNull()).isTrue();
        continue;
      }
      double own = JSON.readTree(run.resolve("summary.json").toFile()).get("eval_top1").asDouble();
      top1.put(e.getKey(), own);
      assertThat(cell.get("top1").asDouble()).as(e.getKey()).isEqualTo(own);
    }
    List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
    assertThat(csv).hasSize(7);
    for (Map.Entry<String, Double> e : top1.entrySet()) {
      assertThat(csv).filteredOn(l -> l.startsWith(e.getKey() + ",")).singleElement()
          .satisfies(l -> assertThat(l).contains("," + e.getValue() + ","));
    }
    double[] dense = {top1.get("dense/seed-1"), top1.get("dense/seed-2")};
    double[] mb = {top1.get("mb/seed-1"), top1.get("mb/seed-2")};
    JsonNode comparisons = results.get("comparisons");
    assertThat(comparisons.size()).isEqualTo(2);
    JsonNode broken = comparisons.get(0);
    assertThat(broken.get("arm").asText()).isEqualTo("broken");
    assertThat(broken.get("pairs").asInt()).isZero();
    assertThat(broken.get("verdict").asText()).isEqualTo("inconclusive");
    JsonNode comparison = comparisons.get(1);
    assertThat(comparison.get("arm").asText()).isEqualTo("mb");
    assertThat(comparison.get("pairs").asInt()).isEqualTo(2);
    double d1 = mb[0] - dense[0];
    double d2 = mb[1] - dense[1];
    double mean = (d1 + d2) / 2;
    assertThat(comparison.get("mean_difference").asDouble()).isCloseTo(mean, org.assertj.core.api.Assertions.within(1e-12));
    // n = 2: t(0.975, 1) = 12.706, sample std of two values = |d1 - d2| / sqrt(2), half width = t * std / sqrt(2)
    double half = 12.706204736174698 * Math.abs(d1 - d2) / 2;
    if (half > 0) {
      assertThat(comparison.get("ci95_high").asDouble() - mean).isCloseTo(half, org.assertj.core.api.Assertions.within(1e-9));
    }
    String md = Files.readString(dir.resolve("report.md"));
    assertThat(md).contains("| dense |  | 2 | " + String.format("%.2f", 50 * (dense[0] + dense[1])) + " |",
        "`broken/seed-1` (exit 2)", "![mean curves](report.png)", "Processors: " + BuildInfo.cpuModel() + ".");
    assertThat(javax.imageio.ImageIO.read(dir.resolve("report.png").toFile()).getWidth()).isEqualTo(1000);
  }

  /** The first cell runner 1 reported done: runner 3 must not run it again. */
  private static String firstDone(Path log) throws IOException {
    return Files.readAllLines(log).stream().filter(l -> l.startsWith("cell ") && l.contains(" done in "))
        .map(l -> l.split(" ")[1]).findFirst().orElseThrow();
  }
}
