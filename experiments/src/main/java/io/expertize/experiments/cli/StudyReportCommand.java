package io.expertize.experiments.cli;

import io.expertize.experiments.report.StudyReport;
import io.expertize.experiments.report.StudyResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code expertize study report DIR [--baseline ARM]}: report.md, results.csv, results.json and report.png beside the cells. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write report.md, results.csv, results.json and report.png into the study directory:",
        "per arm n, mean, std and every seed's value; each arm minus the baseline paired by seed with a",
        "95%% CI (Student's t) and a verdict; the mean curves; the failed cells."})
final class StudyReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The study directory.")
  Path dir;

  @Option(names = "--baseline", paramLabel = "ARM",
      description = "Compare every arm with this one instead of the study file's baseline (e.g. the best-tuned dense arm); "
          + "the files are then named report-vs-ARM.md and so on.")
  Optional<String> baseline;

  @Override
  public Integer call() throws IOException {
    StudyResults results = StudyResults.read(dir, baseline);
    StudyReport.verdicts(results).forEach(System.out::println);
    StudyReport.write(results).forEach(p -> System.out.println("wrote " + p));
    return 0;
  }
}
