package io.expertize.train.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Describes a run directory or one checkpoint: summary, checkpoints, metrics and TensorBoard files. */
public final class RunDirectoryInspector {
  private RunDirectoryInspector() {}

  public static boolean isCheckpoint(Path dir) {
    return Files.isRegularFile(dir.resolve(CheckpointManager.META));
  }

  public static boolean isRunDirectory(Path dir) {
    return Files.isRegularFile(dir.resolve("config.yaml")) || Files.isDirectory(dir.resolve("checkpoints"));
  }

  public static Map<String, Object> inspectCheckpoint(Path dir) {
    Checkpoint c = CheckpointManager.loadOrNameAnother(dir);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("checkpoint", c.path().toString());
    out.put("step", c.step());
    out.put("epoch", c.meta().epoch());
    out.put("files", c.meta().files());
    return out;
  }

  public static Map<String, Object> inspectRun(Path dir) throws IOException {
    RunDirectory run = RunDirectory.read(dir);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run", run.root().toString());
    if (Files.isRegularFile(run.summaryFile())) {
      out.put("summary", new ObjectMapper().readValue(run.summaryFile().toFile(), Map.class));
    } else {
      out.put("summary", "none (the run has not finished)");
    }
    List<Map<String, Object>> checkpoints = new ArrayList<>();
    CheckpointManager manager = new CheckpointManager(run.checkpointsDir(), Integer.MAX_VALUE);
    for (Checkpoint c : manager.list()) {
      checkpoints.add(Map.of("step", c.step(), "path", c.path().toString()));
    }
    out.put("checkpoints", checkpoints);
    Map<Path, String> damaged = manager.damaged();
    if (!damaged.isEmpty()) {
      out.put("damaged_checkpoints", damaged.entrySet().stream()
          .map(d -> Map.of("path", d.getKey().toString(), "problem", d.getValue())).toList());
      damaged.forEach((path, problem) -> System.err.println("warning: checkpoint " + path + ": " + problem
          + "; eval, export and --resume use the newest intact checkpoint"));
    }
    if (Files.isRegularFile(run.metricsFile())) {
      out.put("metrics_records", MetricsLog.read(run.metricsFile()).size());
    }
    List<String> events = new ArrayList<>();
    if (Files.isDirectory(run.tensorboardDir())) {
      for (String split : List.of("train", "eval")) {
        for (Path p : EventFileReader.eventFiles(run.tensorboardDir(split))) {
          events.add(run.root().relativize(p) + " (" + EventFileReader.readScalars(p).size() + " scalars)");
        }
      }
    }
    out.put("tensorboard", events);
    return out;
  }
}
