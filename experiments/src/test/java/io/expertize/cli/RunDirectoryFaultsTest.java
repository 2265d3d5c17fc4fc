package io.expertize.cli;

import static io.expertize.cli.CliEndToEndTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.cli.CliEndToEndTest.Outcome;
import io.expertize.train.io.EventFileReader;
import io.expertize.train.io.ScalarEvent;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults of issue 14 on real processes and real files: a run directory is held by one process,
 * signals end a run with a checkpoint at the interrupted step, a resumed run logs every step once,
 * a finished run is not rewritten, a damaged newest checkpoint is worked around, --force deletes only
 * an earlier run.
 */
class RunDirectoryFaultsTest {
  @TempDir Path tmp;

  @Test
  void aRunStillTrainingRefusesASecondProcessAndSigtermStopsItWithACheckpoint() throws Exception {
    Path run = tmp.resolve("run");
    CliProcess training = CliProcess.start(tmp, "training", TinyRuns.train(run, 100_000));
    assertThat(training.await(() -> Files.isDirectory(run.resolve("checkpoints/ckpt-000000010")), 300))
        .as("first checkpoint written").isTrue();

    Outcome second = cli("train", "--resume", run.toString());
    assertThat(second.code()).isEqualTo(2);
    assertThat(second.err()).contains(run + " is in use by pid " + training.pid()).contains("training, started");

    training.terminate(); // SIGTERM, as Process.destroy() sends it
    assertThat(training.exitCode(60)).as(training.err()).isEqualTo(143);
    long step = TinyRuns.lastLoggedStep(run);
    assertThat(training.err()).contains("SIGTERM").contains("checkpoint written: ")
        .contains("expertize train --resume " + run);
    assertThat(newestCheckpointStep(run)).isGreaterThanOrEqualTo(step);
    assertThat(run.resolve("summary.json")).doesNotExist();
    assertThat(run.resolve(".expertize.lock")).isEmptyFile(); // released: names no holder
  }

  @Test
  void twoProcessesRacingForOneDirectoryOneWinsTheOtherIsRefusedNothingIsMixed() throws Exception {
    Path run = tmp.resolve("raced");
    CliProcess a = CliProcess.start(tmp, "a", TinyRuns.train(run, 60));
    CliProcess b = CliProcess.start(tmp, "b", TinyRuns.train(run, 60));
    int codeA = a.exitCode(300);
    int codeB = b.exitCode(300);
    assertThat(List.of(codeA, codeB)).as(a.err() + b.err()).containsExactlyInAnyOrder(0, 2);
    String loser = codeA == 2 ? a.err() : b.err();
    assertThat(loser).containsAnyOf("is in use by pid " + (codeA == 2 ? b.pid() : a.pid()), "already exists and is not empty");
    assertThat(TinyRuns.loggedSteps(run)).doesNotHaveDuplicates().hasSize(12);
    assertThat(EventFileReader.eventFiles(run.resolve("tensorboard/train"))).hasSize(1);
  }

  @Test
  void sigintCheckpointsTheInterruptedStepAndTheResumedRunLogsEveryStepOnce() throws Exception {
    Path run = tmp.resolve("interrupted");
    // 100 steps an epoch, a checkpoint every 50: most of the time lines are logged past the newest checkpoint
    CliProcess first = CliProcess.start(tmp, "first", TinyRuns.train(run, 100_000,
        "--set", "data.train-subset=1600", "--set", "train.checkpoint-every=50"));
    assertThat(first.await(() -> TinyRuns.lastLoggedStep(run) >= 25, 300)).as("trained past step 25").isTrue();
    first.signal("INT");
    assertThat(first.exitCode(60)).as(first.err()).isEqualTo(130);
    assertThat(first.err()).contains("interrupted (SIGINT) after step").contains("expertize train --resume " + run);
    long interrupted = TinyRuns.lastLoggedStep(run);
    // a checkpoint at the step it stopped after, not only at the last multiple of checkpoint-every
    long saved = newestCheckpointStep(run);
    assertThat(saved).isGreaterThanOrEqualTo(interrupted);
    assertThat(first.err()).contains("after step " + saved + ";");

    // killed outright after logging past its newest checkpoint: those lines are logged again on resume
    CliProcess second = CliProcess.start(tmp, "second", List.of("train", "--resume", run.toString()));
    assertThat(second.await(() -> TinyRuns.lastLoggedStep(run) >= Math.max(saved, newestCheckpointStep(run)) + 10, 300))
        .isTrue();
    second.kill();
    long resumedFrom = newestCheckpointStep(run);
    assertThat(TinyRuns.lastLoggedStep(run)).as("logged past the newest checkpoint").isGreaterThan(resumedFrom);

    CliProcess third = CliProcess.start(tmp, "third", List.of("train", "--resume", run.toString()));
    assertThat(third.await(() -> TinyRuns.lastLoggedStep(run) >= resumedFrom + 60, 300)).isTrue();
    third.terminate();
    assertThat(third.exitCode(60)).isEqualTo(143);

    List<Long> steps = TinyRuns.loggedSteps(run);
    assertThat(steps).doesNotHaveDuplicates().isSorted();
    assertThat(steps).containsExactlyElementsOf(Stream.iterate(5L, s -> s + 5).limit(steps.size()).toList());
    List<ScalarEvent> loss = EventFileReader.readScalarsIn(run.resolve("tensorboard/train")).stream()
        .filter(e -> e.tag().equals("loss")).toList();
    Set<Long> seen = new HashSet<>();
    assertThat(loss).allSatisfy(e -> assertThat(seen.add(e.step())).as("step %d once", e.step()).isTrue());
    assertThat(EventFileReader.eventFiles(run.resolve("tensorboard/train"))).hasSize(1);
    // the carried-over TensorBoard scalars are the logged losses, as float32
    List<ObjectNode> lines = TinyRuns.records(run, "train");
    for (ScalarEvent e : loss.subList(0, Math.min(loss.size(), lines.size()))) {
      ObjectNode line = lines.stream().filter(l -> l.path("step").asLong() == e.step()).findFirst().orElseThrow();
      assertThat(e.value()).isEqualTo((float) line.path("loss").asDouble());
    }
  }

  @Test
  void resumingAFinishedRunRefusesSayingWhatToSetAndChangesNothing() throws Exception {
    Path run = tmp.resolve("finished");
    Outcome trained = cli(TinyRuns.train(run, 20).toArray(String[]::new));
    assertThat(trained.code()).as(trained.err()).isZero();
    byte[] summary = Files.readAllBytes(run.resolve("summary.json"));
    byte[] metrics = Files.readAllBytes(run.resolve("metrics.jsonl"));

    Outcome again = cli("train", "--resume", run.toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("has finished").contains("step 20 of 20").contains("train.steps")
        .contains("train.epochs").contains("--config " + run.resolve("config.yaml"));
    assertThat(run.resolve("summary.json")).hasBinaryContent(summary);
    assertThat(run.resolve("metrics.jsonl")).hasBinaryContent(metrics);
  }

  @Test
  void aDamagedNewestCheckpointIsReportedAndThePreviousOneIsUsedOrNamed() throws Exception {
    Path run = tmp.resolve("damaged");
    CliProcess training = CliProcess.start(tmp, "damaged", TinyRuns.train(run, 100_000));
    assertThat(training.await(() -> Files.isDirectory(run.resolve("checkpoints/ckpt-000000030")), 300)).isTrue();
    training.kill();
    Path newest = run.resolve("checkpoints").resolve(String.format("ckpt-%09d", newestCheckpointStep(run)));
    Path previous = newest.resolveSibling(String.format("ckpt-%09d", newestCheckpointStep(run) - 10));
    Path data = newest.resolve("variables.data-00000-of-00001");
    try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
      f.setLength(f.length() - 100);
    }

    Outcome eval = cli("eval", "--run", run.toString(), "--json");
    assertThat(eval.code()).as(eval.err()).isZero();
    assertThat(eval.err()).contains("warning: checkpoint " + newest).contains("variables.data-00000-of-00001 has")
        .contains("using the newest intact one, " + previous);
    assertThat(eval.out()).contains(previous.toString());

    Outcome named = cli("eval", "--run", run.toString(), "--checkpoint", newest.toString());
    assertThat(named.code()).isEqualTo(2);
    assertThat(named.err()).contains("truncated").contains("pass --checkpoint " + previous + " to use it");

    Outcome inspectRun = cli("inspect", run.toString(), "--json");
    assertThat(inspectRun.code()).as(inspectRun.err()).isZero();
    assertThat(inspectRun.out()).contains("damaged_checkpoints").contains(newest.toString());
    Outcome inspectCheckpoint = cli("inspect", newest.toString());
    assertThat(inspectCheckpoint.code()).isEqualTo(2);
    assertThat(inspectCheckpoint.err()).contains("--checkpoint " + previous);

    Outcome export = cli("export", "--run", run.toString(), "--out", tmp.resolve("models").toString(), "--json");
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(export.out()).contains(previous.toString());

    CliProcess resumed = CliProcess.start(tmp, "resumed", List.of("train", "--resume", run.toString()));
    assertThat(resumed.await(() -> resumedPast(run, previous), 300)).isTrue();
    resumed.terminate();
    assertThat(resumed.exitCode(60)).isEqualTo(143);
    assertThat(resumed.err()).contains("warning: checkpoint " + newest).contains("using the newest intact one, " + previous);
  }

  @Test
  void forceNeverDeletesTheRunsDataNorADirectoryThatIsNotARun() throws Exception {
    Path data = tmp.resolve("D");
    Directories.copy(Path.of("/usr/share/datasets/fashion-mnist"), data);
    long files = count(data);
    Outcome o = cli("train", "--out", data.toString(), "--force", "--data", data.toString(), "--set", "train.steps=2");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("refusing to --force clear " + data);
    assertThat(count(data)).isEqualTo(files);

    Path thesis = Files.createDirectories(tmp.resolve("thesis/sub"));
    Files.writeString(thesis.resolveSibling("thesis.tex"), "x");
    Files.writeString(thesis.resolve("data.csv"), "1");
    Outcome foreign = cli(TinyRuns.train(thesis.getParent(), 2, "--force").toArray(String[]::new));
    assertThat(foreign.code()).isEqualTo(2);
    assertThat(foreign.err()).contains("not a run directory").contains("sub, thesis.tex");
    assertThat(thesis.resolve("data.csv")).hasContent("1");

    Path run = tmp.resolve("earlier");
    assertThat(cli(TinyRuns.train(run, 2).toArray(String[]::new)).code()).isZero();
    Outcome cleared = cli(TinyRuns.train(run, 2, "--force").toArray(String[]::new));
    assertThat(cleared.code()).as(cleared.err()).isZero();
    assertThat(cleared.out()).contains("--force: removing the earlier run in " + run + ": ")
        .contains("checkpoints/").contains("config.yaml").contains("summary.json");
  }

  @Test
  void twoExportsRacingForOneBaseOneWinsTheOtherIsRefused() throws Exception {
    Path run = tmp.resolve("to-export");
    assertThat(cli(TinyRuns.train(run, 10).toArray(String[]::new)).code()).isZero();
    Path base = tmp.resolve("models");
    List<String> args = List.of("export", "--run", run.toString(), "--out", base.toString(), "--version", "1");
    CliProcess a = CliProcess.start(tmp, "export-a", args);
    CliProcess b = CliProcess.start(tmp, "export-b", args);
    int codeA = a.exitCode(300);
    int codeB = b.exitCode(300);
    assertThat(List.of(codeA, codeB)).as(a.err() + b.err()).containsExactlyInAnyOrder(0, 2);
    assertThat(codeA == 2 ? a.err() : b.err()).containsAnyOf("is in use by pid", "exists: pass --force",
        "was written by another export");
    try (Stream<Path> children = Files.list(base.resolve("vit_quickstart"))) {
      assertThat(children.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1", ".expertize.lock");
    }
    assertThat(base.resolve("vit_quickstart/.expertize.lock")).isEmptyFile();
    assertThat(cli("inspect", base.resolve("vit_quickstart/1").toString()).code()).isZero();
  }

  private static boolean resumedPast(Path run, Path previous) {
    try {
      return newestCheckpointStep(run) > Long.parseLong(previous.getFileName().toString().substring(5)) + 10;
    } catch (Exception e) {
      return false;
    }
  }

  static long newestCheckpointStep(Path run) {
    try (Stream<Path> ckpts = Files.list(run.resolve("checkpoints"))) {
      return ckpts.map(p -> p.getFileName().toString()).filter(n -> n.matches("ckpt-\\d+"))
          .mapToLong(n -> Long.parseLong(n.substring(5))).max().orElse(0);
    } catch (Exception e) {
      return 0;
    }
  }

  private static long count(Path dir) throws Exception {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.count();
    }
  }
}
