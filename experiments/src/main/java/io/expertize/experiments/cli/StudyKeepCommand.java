package io.expertize.experiments.cli;

import io.expertize.experiments.study.StudyKeep;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code expertize study keep DIR DEST}: the study's records and reports without checkpoints, e.g. to commit. */
@Command(name = "keep", mixinStandardHelpOptions = true,
    description = {"Copy what a study's results rest on into DEST: the study file, state.json, the reports,",
        "the cells' logs and each cell's config.yaml, metrics.jsonl and summary.json (no checkpoints,",
        "TensorBoard files or plots). DEST is a study directory: `study report DEST` reads it, and",
        "`study run FILE --out DEST` skips its finished cells. An earlier copy of the same study is brought up to date."})
final class StudyKeepCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The study directory.")
  Path dir;

  @Parameters(index = "1", paramLabel = "DEST", description = "A new directory, or an earlier copy of this study.")
  Path dest;

  @Override
  public Integer call() {
    List<Path> written = StudyKeep.copy(dir, dest);
    System.out.printf("kept %d files of %s in %s%n", written.size(), dir, dest);
    return 0;
  }
}
