package io.expertize.wiring;

import com.google.inject.Injector;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.experts.ExpertPlan;
import io.expertize.export.ExportSource;
import io.expertize.export.Serving;
import io.expertize.graph.Module;
import io.expertize.registry.ModelRegistry;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointManager;
import io.expertize.train.io.RunDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An earlier run read back, without writing to it: its config.yaml wired as it trained (with
 * {@code sets} on top, e.g. where its data now lives) and its checkpoints. What eval and export read.
 */
public record TrainedRun(Path root, ExpertizeConfig config, Injector injector) {

  /** @throws RunDirectoryException if {@code dir} is not a directory holding a run's config.yaml */
  public static TrainedRun open(Path dir, List<String> sets) {
    Path root = dir.toAbsolutePath().normalize();
    Path configFile = root.resolve("config.yaml"); // RunDirectory#configFile
    if (!Files.isRegularFile(configFile)) {
      throw new RunDirectoryException(root, root + (Files.isDirectory(root) ? " has no config.yaml" : " does not exist")
          + ": is it a run directory written by `expertize train`?");
    }
    ModelRegistry registry = ModelRegistry.discover();
    ExpertizeConfig config = RunWiring.config(registry, configFile, sets);
    return new TrainedRun(root, config, RunWiring.injector(config, registry));
  }

  /** {@code checkpoint} (a ckpt-N directory, or a directory holding them), or else the run's newest complete one. */
  public Checkpoint checkpoint(Path checkpoint) {
    return CheckpointManager.find(checkpoint != null ? checkpoint : root);
  }

  public ExpertPlan plan() {
    return injector.getInstance(ExpertPlan.class);
  }

  /** The run's model, its plan and how it is served, with a checkpoint to fuse. */
  public ExportSource exportSource(Checkpoint checkpoint) {
    return new ExportSource(config.get(Keys.MODEL), injector.getInstance(Module.class), plan(),
        injector.getInstance(Serving.class), checkpoint);
  }
}
