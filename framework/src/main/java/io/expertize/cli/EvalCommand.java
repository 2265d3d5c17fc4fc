package io.expertize.cli;

import com.google.inject.Injector;
import io.expertize.config.ExpertizeConfig;
import io.expertize.registry.ModelRegistry;
import io.expertize.train.EvalMetrics;
import io.expertize.train.ModelEvaluation;
import io.expertize.experts.ExpertPlan;
import io.expertize.train.TrainSettings;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointManager;
import io.expertize.train.io.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code expertize eval}: top-1 and loss of a run's latest (or a given) checkpoint on the test split. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a run's checkpoint on the test split and print top-1 accuracy (of the next token, for text) and loss.")
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run directory written by train.")
  Path runDir;

  @Option(names = "--checkpoint", paramLabel = "DIR", description = "A checkpoint directory (default: the latest).")
  Path checkpoint;

  @Option(names = "--data", paramLabel = "DIR", description = "Dataset directory, if not where the run found it.")
  Path data;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    RunDirectory run = RunDirectory.resume(runDir);
    if (!Files.isRegularFile(run.configFile())) {
      throw new UsageException(runDir + " has no config.yaml: is it a run directory written by `expertize train`?");
    }
    List<String> sets = new ArrayList<>();
    if (data != null) {
      sets.add("data.dir=" + data.toAbsolutePath());
    }
    ModelRegistry registry = ModelRegistry.discover();
    ExpertizeConfig config = RunLauncher.loadConfig(registry, run.configFile(), sets);
    Injector injector = RunLauncher.injector(config, registry);
    Checkpoint ckpt = checkpoint != null
        ? CheckpointManager.load(checkpoint)
        : new CheckpointManager(run.checkpointsDir(), 1).latest().orElseThrow(
            () -> new UsageException("no checkpoint in " + run.checkpointsDir()));
    EvalMetrics m = ModelEvaluation.evaluate(RunLauncher.task(injector), injector.getInstance(ExpertPlan.class),
        injector.getInstance(TrainSettings.class), ckpt);
    if (json) {
      System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
          java.util.Map.of("checkpoint", ckpt.path().toString(), "step", ckpt.step(), "top1", m.top1(),
              "loss", m.loss(), "examples", m.examples(), "unit", m.unit())));
    } else {
      System.out.printf("%s (step %d): top-1 %.2f%%, loss %.4f on %d test %s%n",
          ckpt.path(), ckpt.step(), 100 * m.top1(), m.loss(), m.examples(), m.unit());
    }
    return 0;
  }
}
