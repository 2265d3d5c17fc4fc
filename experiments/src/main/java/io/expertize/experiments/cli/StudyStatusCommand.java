package io.expertize.experiments.cli;

import io.expertize.config.ConfigException;
import io.expertize.experiments.study.CellRecord;
import io.expertize.experiments.study.CellRun;
import io.expertize.experiments.study.CellStatus;
import io.expertize.experiments.study.StudyLock;
import io.expertize.experiments.study.StudyState;
import io.expertize.experiments.study.StudyProgress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code expertize study status DIR}: every cell's status, time and result, and whether a runner is at work. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show where a study's cells stand.")
final class StudyStatusCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The study directory.")
  Path dir;

  @Override
  public Integer call() {
    StudyState state = StudyState.read(dir).orElseThrow(() -> new ConfigException(
        dir + " is not a study directory (no " + "state.json" + "); `expertize study run` makes one"));
    Map<String, CellRecord> cells = state.cells();
    System.out.printf("study %s in %s: %s%n", state.study(), dir.toAbsolutePath().normalize(), StudyLock.held(dir)
        ? "a runner is at work (" + StudyLock.holder(dir).orElse("?") + ")" : "no runner at work");
    int width = cells.keySet().stream().mapToInt(String::length).max().orElse(4);
    System.out.printf("%-" + width + "s  %-7s  %8s  %7s  %7s%n", "cell", "status", "time", "top-1", "threads");
    Map<CellStatus, Integer> counts = new java.util.EnumMap<>(CellStatus.class);
    cells.forEach((id, r) -> {
      counts.merge(r.status(), 1, Integer::sum);
      String top1 = r.status() == CellStatus.DONE
          ? CellRun.summary(CellRun.directory(dir, id)).map(s -> String.format("%.2f%%", 100 * s.evalTop1())).orElse("?") : "";
      System.out.printf("%-" + width + "s  %-7s  %8s  %7s  %7s%s%n", id, r.status().name().toLowerCase(java.util.Locale.ROOT),
          r.attempts() == 0 ? "" : StudyProgress.clock(Math.round(r.seconds())), top1,
          r.attempts() == 0 ? "" : Integer.toString(r.intraOpThreads()),
          r.error() == null ? "" : "  " + r.error().lines().findFirst().orElse(""));
    });
    System.out.printf("%d cells: %d done, %d running, %d failed, %d left%n", cells.size(),
        counts.getOrDefault(CellStatus.DONE, 0), counts.getOrDefault(CellStatus.RUNNING, 0),
        counts.getOrDefault(CellStatus.FAILED, 0), counts.getOrDefault(CellStatus.PENDING, 0));
    return 0;
  }
}
