package io.expertize.cli;

import static io.expertize.cli.CliEndToEndTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.cli.CliEndToEndTest.Outcome;
import io.expertize.train.io.CheckpointManager;
import io.expertize.train.io.EventFileReader;
import io.expertize.train.io.ScalarEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;

/**
 * SIGKILL at seeded random moments of a tiny model's training (a checkpoint after every step, so
 * many kills land inside a checkpoint write) and of its export; each killed run is resumed to the
 * end and must log exactly the losses of an uninterrupted run, step for step, with every checkpoint
 * intact, no temporary file left and every event file readable to its end; each killed export must
 * leave no version directory that TensorFlow cannot load.
 *
 * <p>{@code -Dexpertize.killCampaign.runs=N} sets the number of runs (CI: 2; the campaign recorded
 * in docs/reliability.md: 20), {@code -Dexpertize.killCampaign.seed=S} the seed.
 */
class KillCampaignTest {
  private static final int STEPS = 40;

  @TempDir Path tmp;

  @Test
  void killedRunsResumeExactlyAndKilledExportsLeaveNothingHalfWritten() throws Exception {
    int runs = Integer.getInteger("expertize.killCampaign.runs", 2);
    Random random = new Random(Long.getLong("expertize.killCampaign.seed", 14L));

    Path reference = tmp.resolve("reference");
    CliProcess uninterrupted = CliProcess.start(tmp, "reference", args(reference));
    assertThat(uninterrupted.await(() -> !TinyRuns.records(reference, "train").isEmpty(), 180)).isTrue();
    long trainingStart = System.nanoTime();
    assertThat(uninterrupted.exitCode(300)).as(uninterrupted.err()).isZero();
    long trainingMillis = (System.nanoTime() - trainingStart) / 1_000_000;
    List<ObjectNode> expectedTrain = TinyRuns.records(reference, "train");
    List<ObjectNode> expectedEval = TinyRuns.records(reference, "eval");
    long exportStart = System.nanoTime();
    CliProcess referenceExport = CliProcess.start(tmp, "reference-export", exportArgs(reference, tmp.resolve("ref-models")));
    assertThat(referenceExport.exitCode(300)).as(referenceExport.err()).isZero();
    long exportMillis = (System.nanoTime() - exportStart) / 1_000_000;

    int killed = 0;
    int killedInCheckpointWrite = 0;
    int resumedExactly = 0;
    int exportsKilled = 0;
    int exportVersionsLoaded = 0;
    for (int i = 0; i < runs; i++) {
      Path run = tmp.resolve("run-" + i);
      CliProcess training = CliProcess.start(tmp, "run-" + i, args(run));
      assertThat(training.await(() -> !TinyRuns.records(run, "train").isEmpty(), 180)).isTrue();
      Thread.sleep(random.nextInt((int) Math.max(1, trainingMillis)));
      if (training.isAlive()) {
        training.kill();
        killed++;
        if (hasTempCheckpoint(run)) {
          killedInCheckpointWrite++;
        }
      }
      boolean finished = Files.isRegularFile(run.resolve("summary.json")); // killed while closing
      CliProcess resumed = CliProcess.start(tmp, "resume-" + i, List.of("train", "--resume", run.toString()));
      assertThat(resumed.exitCode(300)).as(resumed.err()).isEqualTo(finished ? 2 : 0);
      assertThat(values(TinyRuns.records(run, "train"), TRAIN)).as("run %d: every logged loss", i)
          .isEqualTo(values(expectedTrain, TRAIN));
      assertThat(values(TinyRuns.records(run, "eval"), EVAL)).as("run %d: every evaluation", i)
          .isEqualTo(values(expectedEval, EVAL));
      assertIntact(run, expectedTrain);
      resumedExactly++;

      Path base = tmp.resolve("models-" + i);
      CliProcess export = CliProcess.start(tmp, "export-" + i, exportArgs(run, base));
      Thread.sleep(random.nextInt((int) Math.max(1, exportMillis)));
      if (export.isAlive()) {
        export.kill();
        exportsKilled++;
      }
      Outcome again = cli(exportArgs(run, base).toArray(String[]::new));
      assertThat(again.code()).as(again.err()).isZero();
      exportVersionsLoaded += assertEveryVersionLoads(base.resolve("vit_quickstart"));
    }
    System.out.printf("kill campaign (seed %d): %d runs, %d killed (%d inside a checkpoint write), %d resumed to the"
            + " uninterrupted run's losses exactly; %d exports killed, %d versions loaded through TensorFlow; files lost: 0%n",
        Long.getLong("expertize.killCampaign.seed", 14L), runs, killed, killedInCheckpointWrite, resumedExactly,
        exportsKilled, exportVersionsLoaded);
    assertThat(resumedExactly).isEqualTo(runs);
  }

  /** What must repeat exactly; times and throughput differ from run to run. */
  private static final List<String> TRAIN = List.of("step", "epoch", "loss", "lr", "grad_norm");
  private static final List<String> EVAL = List.of("step", "epoch", "top1", "loss", "examples");

  private static List<List<String>> values(List<ObjectNode> records, List<String> fields) {
    return records.stream().map(r -> fields.stream().map(f -> r.path(f).asText()).toList()).toList();
  }

  private static List<String> args(Path run) {
    List<String> args = new ArrayList<>(TinyRuns.train(run, STEPS));
    args.addAll(List.of("--set", "train.checkpoint-every=1", "--set", "train.keep-checkpoints=2"));
    return args;
  }

  private static List<String> exportArgs(Path run, Path base) {
    return List.of("export", "--run", run.toString(), "--out", base.toString());
  }

  private static boolean hasTempCheckpoint(Path run) throws Exception {
    try (Stream<Path> entries = Files.list(run.resolve("checkpoints"))) {
      return entries.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-ckpt-"));
    }
  }

  /** Every checkpoint loads (sizes and digests), no temporary file is left, every event file reads to its end. */
  private static void assertIntact(Path run, List<ObjectNode> expectedTrain) throws Exception {
    CheckpointManager checkpoints = new CheckpointManager(run.resolve("checkpoints"), Integer.MAX_VALUE);
    assertThat(checkpoints.damaged()).isEmpty();
    assertThat(checkpoints.list()).extracting(c -> c.step()).contains((long) STEPS);
    try (Stream<Path> all = Files.walk(run)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
    }
    assertThat(run.resolve(".expertize.lock")).isEmptyFile(); // released: names no holder
    List<ScalarEvent> loss = new ArrayList<>();
    for (Path file : EventFileReader.eventFiles(run.resolve("tensorboard/train"))) {
      EventFileReader.readScalars(file).stream().filter(e -> e.tag().equals("loss")).forEach(loss::add); // strict
    }
    assertThat(loss).extracting(ScalarEvent::step)
        .containsExactlyElementsOf(expectedTrain.stream().map(n -> n.path("step").asLong()).toList());
    assertThat(loss).extracting(ScalarEvent::value)
        .containsExactlyElementsOf(expectedTrain.stream().map(n -> (float) n.path("loss").asDouble()).toList());
  }

  /** Each numeric version under {@code model} loads through TensorFlow's SavedModel loader; nothing else is left. */
  private static int assertEveryVersionLoads(Path model) throws Exception {
    int loaded = 0;
    try (Stream<Path> children = Files.list(model)) {
      for (Path p : children.toList()) {
        String name = p.getFileName().toString();
        if (name.equals(".expertize.lock")) {
          assertThat(p).isEmptyFile(); // released by the export that ran to the end
          continue;
        }
        assertThat(name).as("left in %s", model).matches("[0-9]+");
        try (SavedModelBundle bundle = SavedModelBundle.load(p.toString(), "serve")) {
          assertThat(bundle.metaGraphDef().getSignatureDefMap()).containsKey("serving_default");
        }
        loaded++;
      }
    }
    return loaded;
  }
}
