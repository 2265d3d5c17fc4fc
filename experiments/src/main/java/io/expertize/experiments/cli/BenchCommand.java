package io.expertize.experiments.cli;

import io.expertize.cli.UsageException;
import io.expertize.experiments.bench.BenchReport;
import io.expertize.experiments.bench.BenchSettings;
import io.expertize.experiments.bench.Benchmark;
import io.expertize.experiments.bench.ReportJson;
import io.expertize.experiments.bench.ReportTable;
import io.expertize.cli.CommandProvider;
import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelRegistry;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code expertize bench}: the MatMul ceiling of this machine and a model's training-step throughput
 * measured in the same process, with the model's efficiency against that ceiling (docs/benchmarks.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    subcommands = {BenchExpertsCommand.class, BenchServingCommand.class, BenchDataCommand.class},
    description = {
        "Measure the fp32 MatMul ceiling and a model's training step (random inputs, fed as tensors "
            + "prepared once) in one process, in interleaved rounds, and report medians.",
        "FLOPs: matrix products only, 2 per multiply-add; a training step counts as 3x the forward pass.",
        "`expertize bench experts` compares the step time and memory of expert schemes with dense;",
        "`expertize bench serving` the serving latency and throughput of two exported models."})
public final class BenchCommand implements Callable<Integer> {
  @Mixin BenchModelOptions model = new BenchModelOptions("vit_small_patch16_224", 32, 4, null);

  @Option(names = "--batch", defaultValue = "128", description = "Images per step. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--warmup", defaultValue = "3", description = "Untimed training steps first. Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--steps", defaultValue = "20", description = "Timed training steps (rounds). Default: ${DEFAULT-VALUE}.")
  int steps;

  @Option(names = "--forward-steps",
      description = "Timed inference passes spread over the rounds. Default: half the steps.")
  Integer forwardSteps;

  @Option(names = "--matmul-sizes", split = ",", defaultValue = "1024,2048",
      description = "Square MatMul sizes of the ceiling probe. Default: ${DEFAULT-VALUE}.")
  List<Integer> matMulSizes;

  @Option(names = "--chain", defaultValue = "4", description = "MatMuls chained per probe run. Default: ${DEFAULT-VALUE}.")
  int chain;

  @Mixin TensorFlowThreads threads = new TensorFlowThreads();

  @Option(names = "--profile", description = "Trace one more training step and report op time by op type.")
  boolean profile;

  @Mixin BenchOutput output = new BenchOutput();

  @Override
  public Integer call() throws Exception {
    BenchSettings settings;
    ImageClassifier classifier;
    try {
      BenchSettings.Builder b = BenchSettings.builder().batch(batch).warmup(warmup).steps(steps)
          .matMulSizes(matMulSizes).chain(chain).threads(threads.value()).profile(profile);
      if (forwardSteps != null) {
        b.forwardSteps(forwardSteps);
      }
      settings = b.build();
      classifier = ModelRegistry.discover().get(model.name).createImageClassifier(model.request());
    } catch (IllegalArgumentException e) {
      throw e instanceof io.expertize.registry.UnknownModelException u ? u : new UsageException(e.getMessage());
    }
    Benchmark bench = new Benchmark(settings, output.progress("bench"));
    BenchReport report = bench.run(model.name, classifier);
    output.print(ReportJson.toMap(report), ReportTable.format(report));
    return 0;
  }

  /** Adds {@code bench} to the {@code expertize} commands (META-INF/services). */
  public static final class Provider implements CommandProvider {
    @Override
    public Object command() {
      return new BenchCommand();
    }
  }
}
