package io.expertize.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.train.io.MetricsLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command lines of tiny runs (a one-block ViT of width 16 on 256 images) and what they log. */
final class TinyRuns {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private TinyRuns() {}

  /** {@code train --out DIR} of the tiny model for {@code steps} steps, checkpointing and logging often. */
  static List<String> train(Path out, int steps, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "--config", REPO.resolve("configs/vit_quickstart.yaml").toString(),
        "--set", "model.dim=16", "--set", "model.depth=1", "--set", "data.train-subset=256",
        "--set", "data.test-subset=128", "--set", "train.batch-size=16", "--set", "train.steps=" + steps,
        "--set", "train.checkpoint-every=10", "--set", "train.log-every=5", "--out", out.toString()));
    args.addAll(Arrays.asList(more));
    return args;
  }

  /** The metrics.jsonl records of {@code kind} (train, eval), in file order; none if the file is not there. */
  static List<ObjectNode> records(Path run, String kind) {
    Path file = run.resolve("metrics.jsonl");
    try {
      return Files.isRegularFile(file)
          ? MetricsLog.read(file).stream().filter(n -> n.path("kind").asText().equals(kind)).toList() : List.of();
    } catch (IOException e) {
      return List.of(); // being replaced at this moment: read again
    }
  }

  /** The step of the last train record, 0 if none. */
  static long lastLoggedStep(Path run) {
    List<ObjectNode> train = records(run, "train");
    return train.isEmpty() ? 0 : train.get(train.size() - 1).path("step").asLong();
  }

  /** The steps of the train records. */
  static List<Long> loggedSteps(Path run) {
    return records(run, "train").stream().map(n -> n.path("step").asLong()).toList();
  }
}
