package io.expertize.experiments.cli;

import io.expertize.cli.UsageException;
import io.expertize.annotations.Scheme;
import io.expertize.experiments.bench.ServedModel;
import io.expertize.experiments.bench.ServingBenchReport;
import io.expertize.experiments.bench.ServingBenchSettings;
import io.expertize.experiments.bench.ServingBenchmark;
import io.expertize.experiments.bench.ServingReportJson;
import io.expertize.experiments.bench.ServingReportTable;
import io.expertize.export.SavedModelInspector;
import io.expertize.train.io.DurableFiles;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code expertize bench serving}: serving latency and throughput of two SavedModels (a dense-trained
 * export and an expert-trained one) side by side, and whether their graphs are the same
 * (docs/benchmarks.md).
 */
@Command(name = "serving", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Load two SavedModels through TensorFlow's SavedModel loader (the one TF Serving uses) and call their "
            + "'serving_default' signature with the same batches (raw pixels for image classifiers, English sentences "
            + "with a gap for text-to-text models) in interleaved rounds (A then B, B then A, "
            + "...); report per model the median latency with its interquartile range, throughput and CPU time per "
            + "call, and the median of per-round ratios B/A in wall and CPU time. Also checks that both are the "
            + "same graph (parameter count, variables, op-type histogram, signatures).",
        "Without --a and --b: trains the quickstart model twice for a few steps, dense and with --scheme, exports "
            + "both, and compares those."})
final class BenchServingCommand implements Callable<Integer> {
  @Option(names = "--a", paramLabel = "DIR",
      description = "Reference SavedModel (BASE/NAME/VERSION, or BASE/NAME for its highest version): e.g. a "
          + "dense-trained export.")
  Path a;

  @Option(names = "--b", paramLabel = "DIR",
      description = "SavedModel compared with it: e.g. an expert-trained export of the same model.")
  Path b;

  @Option(names = "--batches", split = ",", defaultValue = "1,64",
      description = "Batch sizes, each timed in every round. Default: ${DEFAULT-VALUE}.")
  List<Integer> batches;

  @Option(names = "--rounds", defaultValue = "30", description = "Timed rounds. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--warmup", defaultValue = "3",
      description = "Untimed rounds after the first calls (at least 1); their median call time sets the calls "
          + "per sample. Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--sample-ms", defaultValue = "500",
      description = "Wall time of one sample, a model's calls back to back (process CPU time ticks in 10 ms). "
          + "Default: ${DEFAULT-VALUE}.")
  int sampleMillis;

  @Mixin TensorFlowThreads threads = new TensorFlowThreads();

  @Option(names = "--scheme", defaultValue = "mb",
      description = "Without --a/--b: the expert scheme of the second run (sw, dw, mb, ewa). Default: ${DEFAULT-VALUE}.")
  String scheme;

  @Option(names = "--train-steps", defaultValue = "20",
      description = "Without --a/--b: training steps of each run. Default: ${DEFAULT-VALUE}.")
  int trainSteps;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Without --a/--b: a configuration override for both runs (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--data", paramLabel = "DIR", description = "Without --a/--b: dataset directory (same as --set data.dir=DIR).")
  Path data;

  @Option(names = "--work", paramLabel = "DIR",
      description = "Without --a/--b: keep the runs and exports in DIR (default: a temporary directory, deleted at the end).")
  Path work;

  @Mixin BenchOutput output = new BenchOutput();

  @Override
  public Integer call() throws Exception {
    ServingBenchSettings settings;
    try {
      settings = ServingBenchSettings.builder().batches(batches).warmup(warmup).rounds(rounds)
          .sampleMillis(sampleMillis).threads(threads.value()).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if ((a == null) != (b == null)) {
      throw new UsageException("pass both --a and --b, or neither (then two short quickstart runs, dense and "
          + scheme + ", are trained and exported to compare)");
    }
    ServingBenchReport report = a != null ? measure(a, b, settings) : measureQuickstartExports(settings);
    output.print(ServingReportJson.toMap(report), ServingReportTable.format(report));
    return 0;
  }

  private ServingBenchReport measure(Path dirA, Path dirB, ServingBenchSettings settings) {
    Path versionA = savedModel(dirA, "--a");
    Path versionB = savedModel(dirB, "--b");
    try (ServedModel ma = ServedModel.load(versionA, settings.threads().config());
        ServedModel mb = ServedModel.load(versionB, settings.threads().config())) {
      return new ServingBenchmark(settings, output.progress("bench serving")).run(ma, mb);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private ServingBenchReport measureQuickstartExports(ServingBenchSettings settings) throws Exception {
    Scheme experts;
    try {
      experts = Scheme.fromKey(scheme);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--scheme: " + e.getMessage());
    }
    if (experts == Scheme.DENSE || experts == Scheme.TOP_K) {
      throw new UsageException("--scheme " + scheme + ": the second run must use an exactly fusible expert scheme "
          + "(sw, dw, mb or ewa); compare two dense exports with --a DIR --b DIR");
    }
    List<String> overrides = new ArrayList<>(sets);
    if (data != null) {
      overrides.add("data.dir=" + data.toAbsolutePath());
    }
    Path dir = work != null ? work : Files.createTempDirectory("expertize-bench-serving-");
    try {
      QuickstartExports.Pair exports = quietStdout(() ->
          QuickstartExports.trainAndExport(dir, scheme, trainSteps, overrides, output.progress("bench serving")));
      return measure(exports.dense(), exports.experts(), settings);
    } finally {
      if (work == null) {
        DurableFiles.deleteRecursively(dir);
      }
    }
  }

  /** Training reports on stdout, which is this command's report: it goes to stderr (nowhere with --quiet). */
  private <T> T quietStdout(Callable<T> training) throws Exception {
    PrintStream stdout = System.out;
    System.setOut(output.quiet ? new PrintStream(OutputStream.nullOutputStream()) : System.err);
    try {
      return training.call();
    } finally {
      System.setOut(stdout);
    }
  }

  /** The SavedModel in {@code dir}, or the highest version under a model base path, as TF Serving picks it. */
  private static Path savedModel(Path dir, String option) {
    return SavedModelInspector.served(dir).orElseThrow(() -> new UsageException(option + " " + dir
        + " holds no saved_model.pb and no version directories: pass a "
        + "SavedModel (BASE/NAME/VERSION, as `expertize export` writes it) or a model base path (BASE/NAME)"));
  }
}
