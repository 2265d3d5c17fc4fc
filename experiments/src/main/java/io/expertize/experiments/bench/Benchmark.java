package io.expertize.experiments.bench;

import io.expertize.nn.ImageClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tensorflow.proto.ConfigProto;

/**
 * Runs the MatMul ceiling probe and a model's training and inference steps in one process, in
 * interleaved rounds: each round times one training step, (some rounds) one inference pass, then
 * one chained run of every probe size. Other processes slowing the machine for a while then slow
 * the ceiling and the model alike, and medians over the rounds discount the worst moments.
 */
public final class Benchmark {
  private final BenchSettings settings;
  private final Consumer<String> progress;

  /** @param progress receives a line per phase and round (stderr in the CLI) */
  public Benchmark(BenchSettings settings, Consumer<String> progress) {
    this.settings = settings;
    this.progress = progress;
  }

  public BenchReport run(String name, ImageClassifier model) {
    FlopCount flops = FlopCounter.forward(model);
    double loadBefore = BenchReport.Machine.loadAverage();
    ConfigProto config = settings.threads().config();
    List<MatMulProbe> probes = new ArrayList<>();
    try (StepBench step = new StepBench(model, settings.batch(), config)) {
      for (int n : settings.matMulSizes()) {
        probes.add(new MatMulProbe(n, settings.chain(), config));
      }
      progress.accept(String.format("warming up (%d training steps, %d forward, probes)", settings.warmup(),
          settings.forwardSteps() > 0 ? 1 : 0));
      for (int i = 0; i < settings.warmup(); i++) {
        step.timeTrainStep();
      }
      if (settings.forwardSteps() > 0) {
        step.timeForward();
      }
      for (MatMulProbe p : probes) {
        p.time(); // first run pays oneDNN's primitive creation
        p.time();
      }

      List<Double> train = new ArrayList<>();
      List<Double> forward = new ArrayList<>();
      List<List<Double>> probeTimes = new ArrayList<>();
      probes.forEach(p -> probeTimes.add(new ArrayList<>()));
      for (int r = 0; r < settings.steps(); r++) {
        double t = step.timeTrainStep();
        train.add(t);
        StringBuilder line = new StringBuilder(String.format("round %d/%d: train %.3f s", r + 1, settings.steps(), t));
        if (settings.forwardInRound(r)) {
          double f = step.timeForward();
          forward.add(f);
          line.append(String.format(", forward %.3f s", f));
        }
        for (int i = 0; i < probes.size(); i++) {
          MatMulProbe p = probes.get(i);
          double s = p.time();
          probeTimes.get(i).add(s);
          line.append(String.format(", matmul %d^2 %.0f GFLOP/s", p.size(), p.flopsPerRun() / s / 1e9));
        }
        progress.accept(line.toString());
      }

      OpProfile profile = null;
      if (settings.profile()) {
        progress.accept("tracing one training step");
        profile = step.profileTrainStep();
      }
      List<ProbeResult> probeResults = new ArrayList<>();
      for (int i = 0; i < probes.size(); i++) {
        MatMulProbe p = probes.get(i);
        probeResults.add(new ProbeResult(p.size(), p.chain(), p.flopsPerRun(), Samples.of(probeTimes.get(i))));
      }
      BenchReport.Machine machine = BenchReport.Machine.after(loadBefore);
      return new BenchReport(name, step.parameterCount(), settings, flops, Samples.of(train),
          forward.isEmpty() ? null : Samples.of(forward), List.copyOf(probeResults), profile, machine);
    } finally {
      probes.forEach(MatMulProbe::close);
    }
  }

}
