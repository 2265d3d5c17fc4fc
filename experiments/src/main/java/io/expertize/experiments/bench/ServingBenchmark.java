package io.expertize.experiments.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.Tensor;

/**
 * Serving latency and throughput of two SavedModels, A and B, side by side in one process: both
 * loaded through TensorFlow's SavedModel loader, both fed the same raw-pixel batches through
 * {@code serving_default}.
 *
 * <p>Per batch size a first call of each (Grappler's rewrites and oneDNN's primitive creation
 * happen there), then warm-up rounds in which each model calls for about {@code sampleMillis}. A
 * timed round times one sample of A and one of B at every batch size, the one that goes first
 * alternating from batch to batch and from round to round, so neither model always follows the
 * other. B's sample over A's in the same round is that round's ratio: both make the same number of
 * calls within a second, so a change of load between rounds cancels. As in {@link ExpertBenchmark},
 * the CPU time of the process is recorded too: other processes on the machine take wall time from a
 * sample, (mostly) not CPU time.
 */
public final class ServingBenchmark {

  private final ServingBenchSettings settings;
  private final Consumer<String> progress;

  /** @param progress receives a line per phase and round (stderr in the CLI) */
  public ServingBenchmark(ServingBenchSettings settings, Consumer<String> progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** @throws IllegalArgumentException if A and B take different inputs or answer differently shaped */
  public ServingBenchReport run(ServedModel a, ServedModel b) {
    long start = System.nanoTime();
    double loadBefore = BenchReport.Machine.loadAverage();
    if (!a.input().equals(b.input())) {
      throw new IllegalArgumentException("A takes " + a.input().describe() + ", B " + b.input().describe()
          + ": they cannot be fed the same inputs");
    }
    GraphComparison graphs = GraphComparison.of(a.path(), b.path());
    progress.accept(graphs.same() ? "graphs: the same (parameters, variables, op types, signatures)"
        : "graphs DIFFER: " + String.join("; ", graphs.differences()));

    List<Tensor> inputs = new ArrayList<>();
    try {
      for (int batch : settings.batches()) {
        inputs.add(a.input().batch(batch));
        firstCalls(a, b, inputs.get(inputs.size() - 1));
      }
      int[] calls = warmUp(a, b, inputs);
      return new ServingBenchReport(model(a), model(b), a.input(), graphs, settings,
          timedRounds(a, b, inputs, calls), BenchReport.Machine.after(loadBefore), (System.nanoTime() - start) / 1e9);
    } finally {
      inputs.forEach(Tensor::close);
    }
  }

  /**
   * Untimed rounds (at least one) in which each model calls for about one sample's time at every
   * batch size. Returns the first calls per sample, from the median call time of all these calls.
   */
  private int[] warmUp(ServedModel a, ServedModel b, List<Tensor> inputs) {
    List<List<Double>> callTimes = new ArrayList<>();
    inputs.forEach(i -> callTimes.add(new ArrayList<>()));
    int rounds = Math.max(1, settings.warmup());
    for (int w = 0; w < rounds; w++) {
      for (int j = 0; j < inputs.size(); j++) {
        boolean aFirst = Math.floorMod(w + j, 2) == 0;
        callFor(aFirst ? a : b, inputs.get(j), callTimes.get(j));
        callFor(aFirst ? b : a, inputs.get(j), callTimes.get(j));
      }
      progress.accept(String.format("warm-up round %d/%d", w + 1, rounds));
    }
    int[] calls = new int[inputs.size()];
    for (int j = 0; j < inputs.size(); j++) {
      calls[j] = callsPerSample(Samples.of(callTimes.get(j)).median());
    }
    return calls;
  }

  /**
   * One sample of each model per batch size and round, the one going first alternating. Both get the
   * same number of calls in a round, set from the median call time of the round before: samples stay
   * near {@code sampleMillis} when the load changes (the mean would count the times another process
   * held the core, and samples too short for the CPU clock's 10 ms ticks would follow).
   */
  private List<ServingBenchReport.BatchResult> timedRounds(ServedModel a, ServedModel b, List<Tensor> inputs,
      int[] calls) {
    List<Integer> batches = settings.batches();
    List<List<Integer>> callCounts = new ArrayList<>();
    List<Series> seriesA = new ArrayList<>();
    List<Series> seriesB = new ArrayList<>();
    for (int j = 0; j < batches.size(); j++) {
      callCounts.add(new ArrayList<>());
      seriesA.add(new Series());
      seriesB.add(new Series());
    }
    for (int r = 0; r < settings.rounds(); r++) {
      long t0 = System.nanoTime();
      StringBuilder line = new StringBuilder();
      for (int j = 0; j < batches.size(); j++) {
        boolean aFirst = Math.floorMod(r + j, 2) == 0;
        Sample first = sample(aFirst ? a : b, inputs.get(j), calls[j]);
        Sample second = sample(aFirst ? b : a, inputs.get(j), calls[j]);
        Sample sa = aFirst ? first : second;
        Sample sb = aFirst ? second : first;
        callCounts.get(j).add(calls[j]);
        seriesA.get(j).add(sa);
        seriesB.get(j).add(sb);
        line.append(String.format("; batch %d: %d calls, B/A %.3f wall, %.3f CPU", batches.get(j), calls[j],
            sb.wall / sa.wall, sb.cpu / sa.cpu));
        calls[j] = callsPerSample(medianOf(sa.latencies, sb.latencies));
      }
      progress.accept(String.format("round %d/%d: %.1f s%s", r + 1, settings.rounds(),
          (System.nanoTime() - t0) / 1e9, line));
    }
    List<ServingBenchReport.BatchResult> results = new ArrayList<>();
    for (int j = 0; j < batches.size(); j++) {
      Series sa = seriesA.get(j);
      Series sb = seriesB.get(j);
      results.add(new ServingBenchReport.BatchResult(batches.get(j), callCounts.get(j), sa.timings(), sb.timings(),
          Samples.of(ratios(sb.wall, sa.wall)), Samples.of(ratios(sb.cpu, sa.cpu))));
    }
    return results;
  }

  private int callsPerSample(double secondsPerCall) {
    return (int) Math.max(1, Math.round(settings.sampleMillis() / 1e3 / secondsPerCall));
  }

  /** The first call of each model at this batch size, which also checks that both answer alike. */
  private void firstCalls(ServedModel a, ServedModel b, Tensor images) {
    long t0 = System.nanoTime();
    Map<String, Shape> outA = a.outputShapes(images);
    long t1 = System.nanoTime();
    Map<String, Shape> outB = b.outputShapes(images);
    long t2 = System.nanoTime();
    if (!outA.equals(outB)) {
      throw new IllegalArgumentException("A and B answer with different outputs: " + outA + " vs " + outB);
    }
    progress.accept(String.format("batch %d: first calls A %.3f s, B %.3f s; outputs %s", images.shape().get(0),
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, outA));
  }

  /** Calls {@code m} for about one sample's time, adding each call's wall time to {@code times}. */
  private void callFor(ServedModel m, Tensor images, List<Double> times) {
    long t0 = System.nanoTime();
    do {
      long c0 = System.nanoTime();
      m.call(images);
      times.add((System.nanoTime() - c0) / 1e9);
    } while (System.nanoTime() - t0 < settings.sampleMillis() * 1_000_000L);
  }

  /** {@code calls} calls back to back: each call's wall time, and the sample's wall and process CPU time. */
  private static Sample sample(ServedModel m, Tensor images, int calls) {
    double[] latencies = new double[calls];
    long cpu0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      long c0 = System.nanoTime();
      m.call(images);
      latencies[i] = (System.nanoTime() - c0) / 1e9;
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    return new Sample(latencies, wall, (ProcessCpu.nanos() - cpu0) / 1e9);
  }

  private static ServingBenchReport.Model model(ServedModel m) {
    return new ServingBenchReport.Model(m.label(), m.path().toAbsolutePath().toString());
  }

  private static double medianOf(double[] x, double[] y) {
    double[] both = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, both, x.length, y.length);
    return new Samples(both).median();
  }

  private static List<Double> ratios(List<Double> num, List<Double> den) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < num.size(); i++) {
      out.add(num.get(i) / den.get(i));
    }
    return out;
  }

  private record Sample(double[] latencies, double wall, double cpu) {}

  /** One model's timed samples at one batch size. */
  private static final class Series {
    final List<Double> latencies = new ArrayList<>();
    final List<Double> wall = new ArrayList<>();
    final List<Double> cpu = new ArrayList<>();

    void add(Sample s) {
      for (double l : s.latencies) {
        latencies.add(l);
      }
      wall.add(s.wall);
      cpu.add(s.cpu);
    }

    ServingBenchReport.Timings timings() {
      return new ServingBenchReport.Timings(Samples.of(latencies), Samples.of(wall), Samples.of(cpu));
    }
  }
}
