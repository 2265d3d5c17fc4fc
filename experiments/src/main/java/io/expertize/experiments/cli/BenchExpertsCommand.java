package io.expertize.experiments.cli;

import io.expertize.cli.UsageException;
import io.expertize.annotations.Scheme;
import io.expertize.experiments.bench.ExpertBenchReport;
import io.expertize.experiments.bench.ExpertBenchSettings;
import io.expertize.experiments.bench.ExpertBenchmark;
import io.expertize.experiments.bench.ExpertConfig;
import io.expertize.experiments.bench.ExpertReportJson;
import io.expertize.experiments.bench.ExpertReportTable;
import io.expertize.experiments.bench.ModelSpec;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.UnknownModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code expertize bench experts}: training step time and memory of expert schemes relative to dense,
 * measured side by side in one run (docs/benchmarks.md).
 */
@Command(name = "experts", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Measure the training step time of dense and of expert schemes (sw, dw, mb, ewa, topk) at several "
            + "numbers of experts side by side: every configuration in its own Session in this process, one step "
            + "of each per round in interleaved order; report the median step time and the median of per-round "
            + "ratios to dense, with their interquartile ranges.",
        "Memory: each configuration again in a child JVM of its own; TensorFlow's peak tensor bytes of a "
            + "traced step and the process's peak resident set, against dense and against the expected cost "
            + "of the extra parameters (value, gradient, two Adam slots).",
        "Default: a ViT-S-sized block (vit_small_patch16_224 with --depth 1) on 224x224 images, patch 16 (197 "
            + "tokens), batch 128."})
final class BenchExpertsCommand implements Callable<Integer> {
  @Mixin BenchModelOptions model = new BenchModelOptions("vit_small_patch16_224", 224, 16, 1);

  @Option(names = "--batch", defaultValue = "128", description = "Images per step. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--schemes", split = ",", defaultValue = "dense,sw,dw,mb,ewa,topk",
      description = "Schemes (dense is always measured: it is the reference). Default: ${DEFAULT-VALUE}.")
  List<String> schemes;

  @Option(names = "--experts", split = ",", defaultValue = "4,8,16",
      description = "Numbers of experts; every scheme runs at each. Default: ${DEFAULT-VALUE}.")
  List<Integer> experts;

  @Option(names = "--warmup", defaultValue = "2", description = "Untimed rounds first. Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--steps", defaultValue = "10",
      description = "Timed rounds: training steps per configuration. Default: ${DEFAULT-VALUE}.")
  int steps;

  @Option(names = "--timing", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Time the steps (--no-timing: memory only). Default: ${DEFAULT-VALUE}.")
  boolean timing;

  @Option(names = "--memory", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Measure memory, one child JVM per configuration after the timing (--no-memory: skip). "
          + "Default: ${DEFAULT-VALUE}.")
  boolean memory;

  @Option(names = "--memory-steps", defaultValue = "2",
      description = "Traced steps per memory child, after one untimed step. Default: ${DEFAULT-VALUE}.")
  int memorySteps;

  @Option(names = "--memory-repeats", defaultValue = "3",
      description = "Child JVMs per configuration; the report gives medians and the range. Default: ${DEFAULT-VALUE}.")
  int memoryRepeats;

  @Option(names = "--profile", defaultValue = "0", paramLabel = "STEPS",
      description = "Trace STEPS more steps of every configuration after the timed rounds and report op time by "
          + "type against dense (0: no profile). Default: ${DEFAULT-VALUE}.")
  int profile;

  @Mixin TensorFlowThreads threads = new TensorFlowThreads();

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the order within rounds. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Mixin BenchOutput output = new BenchOutput();

  @Override
  public Integer call() throws Exception {
    ExpertBenchSettings settings;
    ModelSpec spec;
    try {
      List<Scheme> parsed = new ArrayList<>();
      for (String s : schemes) {
        parsed.add(Scheme.fromKey(s.trim()));
      }
      settings = ExpertBenchSettings.builder().batch(batch).configs(ExpertConfig.grid(parsed, experts))
          .warmup(warmup).rounds(steps).timing(timing).memory(memory).memorySteps(memorySteps)
          .memoryRepeats(memoryRepeats).profileSteps(profile).threads(threads.value()).seed(seed).build();
      spec = new ModelSpec(model.name, model.request());
      // fail here, not after minutes of timing: the model and every plan must build
      io.expertize.nn.ImageClassifier probe = ModelRegistry.discover().get(model.name).createImageClassifier(spec.request());
      settings.configs().forEach(c -> c.plan(probe));
    } catch (UnknownModelException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    ExpertBenchmark bench = new ExpertBenchmark(settings, output.progress("bench experts"));
    ExpertBenchReport report = bench.run(spec);
    output.print(ExpertReportJson.toMap(report), ExpertReportTable.format(report));
    return 0;
  }
}
