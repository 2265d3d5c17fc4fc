package io.expertize.experiments.cli;

import io.expertize.Expertize;
import io.expertize.export.ExportResult;
import io.expertize.run.ExportRequest;
import io.expertize.run.RunExport;
import io.expertize.run.TrainRequest;
import io.expertize.train.TrainingSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@code bench serving} compares when it is given no models: two short runs of the quickstart
 * model, dense and with an expert scheme, trained in this process and exported to
 * {@code WORK/exports/SCHEME/1} (runs in {@code WORK/runs/SCHEME}). Serving speed does not depend on
 * how well a model was trained, so a few steps do.
 */
final class QuickstartExports {
  /** Accuracy does not matter here: a short final evaluation. */
  private static final String EVALUATION = "data.test-subset=1000";

  record Pair(Path dense, Path experts) {}

  private QuickstartExports() {}

  /** @param sets configuration overrides for both runs, after {@code train.steps} (fusion.scheme is set per run) */
  static Pair trainAndExport(Path work, String scheme, int steps, List<String> sets, Consumer<String> progress) {
    return new Pair(run(work, "dense", steps, sets, progress), run(work, scheme, steps, sets, progress));
  }

  private static Path run(Path work, String scheme, int steps, List<String> sets, Consumer<String> progress) {
    Path out = work.resolve("runs").resolve(scheme);
    TrainRequest request = TrainRequest.builder().out(out).sets(List.of(EVALUATION, "train.steps=" + steps))
        .sets(sets).set("fusion.scheme", scheme).build();
    progress.accept("training " + scheme + " (" + steps + " steps) in " + out);
    TrainingSummary summary = Expertize.train(request);
    ExportResult export = RunExport.export(ExportRequest.builder(out, work.resolve("exports")).name(scheme).build()).result();
    progress.accept(String.format("%s: %d steps, test top-1 %.1f%%; exported to %s", scheme, summary.steps(),
        100 * summary.evalTop1(), export.path()));
    return export.path();
  }
}
