package io.expertize.experiments.bench;

import io.expertize.nn.ImageClassifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.tensorflow.proto.ConfigProto;

/**
 * Training step time and memory of expert schemes against dense, side by side.
 *
 * <p><b>Time</b>, in this process: every configuration gets its own graph and Session, all fed the
 * same batch. Configurations are grouped in blocks by number of experts, each block with dense in
 * it ({@code dense, sw-4, dw-4, mb-4, ewa-4, topk-4}). A round runs one training step of every
 * configuration: block after block (the block order rotates from round to round), in a freshly
 * shuffled order within each block. A configuration's ratio in a round is its step time over
 * dense's in the same block of the same round, measured seconds apart, so a change of load between
 * rounds cancels; the report gives the median of these ratios and their interquartile range. The
 * same is done with the CPU time the process spent in each step: other processes on the machine take
 * wall time from a step but (mostly) not CPU time, so the CPU ratios are the steadier estimate of the
 * extra work on a shared machine, the wall ratios the one a user waits for.
 *
 * <p><b>Memory</b>, after the timing: each configuration in a child JVM of its own
 * ({@link StepMemoryProbe}), repeated {@code memoryRepeats} times (all configurations once, then
 * again), medians reported ({@link MemoryRuns}).
 */
public final class ExpertBenchmark {
  private static final long MEMORY_TIMEOUT_SECONDS = 1800;

  private final ExpertBenchSettings settings;
  private final Consumer<String> progress;

  /** @param progress receives a line per phase and round (stderr in the CLI) */
  public ExpertBenchmark(ExpertBenchSettings settings, Consumer<String> progress) {
    this.settings = settings;
    this.progress = progress;
  }

  public ExpertBenchReport run(ModelSpec spec) {
    long start = System.nanoTime();
    double loadBefore = BenchReport.Machine.loadAverage();
    ImageClassifier reference = spec.create();
    long tokens = FlopCounter.forward(reference).tokens();
    long deployed = io.expertize.graph.ModuleTree.of(reference).parameterCount();
    List<ExpertConfig> configs = settings.configs();
    int n = configs.size();
    long[] trainingParams = new long[n];
    Samples[] steps = new Samples[n];
    Samples[] ratios = new Samples[n];
    Samples[] cpuSteps = new Samples[n];
    Samples[] cpuRatios = new Samples[n];
    OpProfile[] profiles = new OpProfile[n];
    if (settings.timing()) {
      time(spec, reference, trainingParams, steps, ratios, cpuSteps, cpuRatios, profiles);
    }
    MemoryRuns[] memory = new MemoryRuns[n];
    if (settings.memory()) {
      List<List<StepMemory>> runs = new ArrayList<>();
      configs.forEach(c -> runs.add(new ArrayList<>()));
      int k = settings.memoryRepeats();
      for (int rep = 0; rep < k; rep++) {
        for (int i = 0; i < n; i++) {
          ExpertConfig c = configs.get(i);
          progress.accept(String.format("memory %d/%d, %d/%d: %s in a child JVM", rep + 1, k, i + 1, n, c.label()));
          StepMemory m = StepMemoryProbe.measure(new StepMemoryProbe.Request(spec, c, settings.batch(),
              settings.memoryWarmup(), settings.memorySteps(), settings.threads()), MEMORY_TIMEOUT_SECONDS);
          runs.get(i).add(m);
          progress.accept(String.format("memory %s: tensor peak %.1f MB, process peak %.1f MB", c.label(),
              m.tensorPeakBytes() / 1e6, m.processPeakBytes() / 1e6));
        }
      }
      for (int i = 0; i < n; i++) {
        memory[i] = new MemoryRuns(runs.get(i));
        trainingParams[i] = memory[i].trainingParameters();
      }
    }
    List<ExpertBenchReport.Result> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      results.add(new ExpertBenchReport.Result(configs.get(i), trainingParams[i], steps[i], ratios[i], cpuSteps[i],
          cpuRatios[i], profiles[i], memory[i]));
    }
    BenchReport.Machine machine = BenchReport.Machine.after(loadBefore);
    return new ExpertBenchReport(spec, tokens, deployed, settings, results, machine, (System.nanoTime() - start) / 1e9);
  }

  /** Blocks of config indices: per number of experts, dense (index 0) first. Dense alone: one block. */
  static List<List<Integer>> blocks(List<ExpertConfig> configs) {
    Map<Integer, List<Integer>> byExperts = new LinkedHashMap<>();
    for (int i = 1; i < configs.size(); i++) {
      byExperts.computeIfAbsent(configs.get(i).experts(), k -> new ArrayList<>(List.of(0))).add(i);
    }
    return byExperts.isEmpty() ? List.of(List.of(0)) : List.copyOf(byExperts.values());
  }

  private void time(ModelSpec spec, ImageClassifier reference, long[] trainingParams, Samples[] steps,
      Samples[] ratios, Samples[] cpuSteps, Samples[] cpuRatios, OpProfile[] profiles) {
    List<ExpertConfig> configs = settings.configs();
    int n = configs.size();
    ConfigProto session = settings.threads().config();
    List<StepBench> benches = new ArrayList<>();
    try (BenchInputs inputs = new BenchInputs(reference, settings.batch(), 1)) {
      try {
        for (int i = 0; i < n; i++) {
          ExpertConfig c = configs.get(i);
          ImageClassifier model = spec.create();
          benches.add(new StepBench(model, c.plan(model), inputs, session));
          trainingParams[i] = benches.get(i).trainingParameterCount();
          progress.accept(String.format("built %s (%d/%d): %,d trained parameters", c.label(), i + 1, n, trainingParams[i]));
        }
        List<List<Integer>> blocks = blocks(configs);
        List<List<Double>> times = lists(n);
        List<List<Double>> rat = lists(n);
        List<List<Double>> cpuTimes = lists(n);
        List<List<Double>> cpuRat = lists(n);
        for (int r = -settings.warmup(); r < settings.rounds(); r++) {
          long t0 = System.nanoTime();
          double[] t = new double[n];
          double[] cpu = new double[n];
          for (int b = 0; b < blocks.size(); b++) {
            int block = Math.floorMod(b + r, blocks.size());
            List<Integer> order = new ArrayList<>(blocks.get(block));
            Collections.shuffle(order, new Random(settings.seed() * 1_000_003L + 7919L * r + block));
            for (int i : order) {
              long c0 = ProcessCpu.nanos();
              t[i] = benches.get(i).timeTrainStep();
              cpu[i] = (ProcessCpu.nanos() - c0) / 1e9;
            }
            if (r >= 0) {
              times.get(0).add(t[0]);
              cpuTimes.get(0).add(cpu[0]);
              for (int i : blocks.get(block)) {
                if (i != 0) {
                  times.get(i).add(t[i]);
                  rat.get(i).add(t[i] / t[0]);
                  cpuTimes.get(i).add(cpu[i]);
                  cpuRat.get(i).add(cpu[i] / cpu[0]);
                }
              }
            }
          }
          double round = (System.nanoTime() - t0) / 1e9;
          if (r < 0) {
            progress.accept(String.format("warm-up round %d/%d: %.1f s%s", r + settings.warmup() + 1, settings.warmup(),
                round, r == -1 ? String.format(" (%d timed rounds: about %.1f min)", settings.rounds(), settings.rounds() * round / 60) : ""));
          } else {
            StringBuilder line = new StringBuilder(String.format("round %d/%d: %.1f s, dense %.3f s (cpu %.3f s); wall/cpu ratios:",
                r + 1, settings.rounds(), round, t[0], cpu[0]));
            for (int i = 1; i < n; i++) {
              line.append(String.format(" %s %.2f/%.2f", configs.get(i).label(), last(rat.get(i)), last(cpuRat.get(i))));
            }
            progress.accept(line.toString());
          }
        }
        for (int i = 0; i < n; i++) {
          steps[i] = Samples.of(times.get(i));
          ratios[i] = i == 0 ? null : Samples.of(rat.get(i));
          cpuSteps[i] = Samples.of(cpuTimes.get(i));
          cpuRatios[i] = i == 0 ? null : Samples.of(cpuRat.get(i));
        }
        if (settings.profileSteps() > 0) {
          List<List<OpProfile>> traced = new ArrayList<>();
          benches.forEach(b -> traced.add(new ArrayList<>()));
          for (int k = 0; k < settings.profileSteps(); k++) {
            progress.accept(String.format("tracing steps for the op profile (%d/%d)", k + 1, settings.profileSteps()));
            for (int j = 0; j < n; j++) {
              int i = (j + k) % n;
              traced.get(i).add(benches.get(i).profileTrainStep());
            }
          }
          for (int i = 0; i < n; i++) {
            profiles[i] = OpProfile.median(traced.get(i));
          }
        }
      } finally {
        benches.forEach(StepBench::close);
      }
    }
  }

  private static double last(List<Double> xs) {
    return xs.get(xs.size() - 1);
  }

  private static List<List<Double>> lists(int n) {
    List<List<Double>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
    }
    return out;
  }
}
