package io.expertize.cli;

import io.expertize.export.DenseExporter;
import io.expertize.export.ExportResult;
import io.expertize.export.ExportTarget;
import io.expertize.train.TrainingSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
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
    RunOptions options = new RunOptions();
    options.out = work.resolve("runs").resolve(scheme);
    options.sets.add(EVALUATION);
    options.sets.add("train.steps=" + steps);
    options.sets.addAll(sets);
    options.sets.add("fusion.scheme=" + scheme);
    progress.accept("training " + scheme + " (" + steps + " steps) in " + options.out);
    TrainingSummary summary = RunLauncher.start(options);
    ExportResult export = DenseExporter.export(ExportCommand.source(options.out, null, List.of()),
        ExportTarget.resolve(work.resolve("exports"), scheme, OptionalLong.empty(), false), false);
    progress.accept(String.format("%s: %d steps, test top-1 %.1f%%; exported to %s", scheme, summary.steps(),
        100 * summary.evalTop1(), export.path()));
    return export.path();
  }
}
