package io.expertize.experiments.cli;

import io.expertize.config.ConfigException;
import io.expertize.registry.ModelRegistry;
import io.expertize.experiments.study.BuildInfo;
import io.expertize.experiments.study.StudyFile;
import io.expertize.experiments.study.StudyPlan;
import io.expertize.experiments.study.StudyRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code expertize study run STUDY.yaml}: every cell not done yet, resumable at any point. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run (or continue) a study. Finished cells are skipped, interrupted ones resume from their",
        "checkpoint, failed ones are recorded and skipped (--retry-failed runs them again)."})
final class StudyRunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "STUDY.yaml", description = "The study file.")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", description = "Study directory (default: runs/studies/<name>).")
  Path out;

  @Option(names = "--parallel", paramLabel = "K", defaultValue = "1",
      description = "Cells run at once, each with its share of the cores as TF threads. Default: ${DEFAULT-VALUE}.")
  int parallel;

  @Option(names = "--retry-failed", description = "Run failed cells again.")
  boolean retryFailed;

  @Override
  public Integer call() {
    StudyFile study = StudyFile.read(file);
    Path repository = BuildInfo.repository().orElse(Path.of("").toAbsolutePath());
    StudyPlan plan = StudyPlan.of(study, file, repository);
    plan.validate(ModelRegistry.discover());
    Path dir = out != null ? out : Path.of("runs", "studies", study.name());
    if (parallel < 1) {
      throw new ConfigException("--parallel must be at least 1, got " + parallel);
    }
    StudyRunner.Options options = StudyRunner.Options.defaults().withParallel(parallel).withRetryFailed(retryFailed);
    boolean terminal = System.console() != null && System.getenv("CI") == null;
    return new StudyRunner(plan, dir, options, System.out).run(terminal) ? 0 : 1;
  }
}
