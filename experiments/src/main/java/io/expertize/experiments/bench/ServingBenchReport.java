package io.expertize.experiments.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * Everything one {@code expertize bench serving} run measured: two SavedModels, A and B, called
 * through the same signature with the same inputs in interleaved rounds.
 *
 * @param a the reference (a dense-trained export)
 * @param b the model compared with it (e.g. an expert-trained export)
 * @param input what both are fed
 */
public record ServingBenchReport(
    Model a, Model b, ServingInput input, GraphComparison graphs, ServingBenchSettings settings,
    List<BatchResult> batches, BenchReport.Machine machine, double wallSeconds) {

  public ServingBenchReport {
    batches = List.copyOf(batches);
  }

  /** @param label the scheme it was trained with, or its directory's name */
  public record Model(String label, String path) {}

  /**
   * One model at one batch size.
   *
   * @param latencies wall time of every timed call, pooled over the rounds
   * @param sampleWall wall time of each round's sample (the round's calls back to back)
   * @param sampleCpu CPU time of this process (all threads) during each sample
   */
  public record Timings(Samples latencies, Samples sampleWall, Samples sampleCpu) {}

  /**
   * Both models at one batch size.
   *
   * @param calls per round, the calls of each model's sample (the same for A and B in a round)
   * @param wallRatios per round, B's sample wall time over A's
   * @param cpuRatios per round, B's sample CPU time over A's
   */
  public record BatchResult(
      int batch, List<Integer> calls, Timings a, Timings b, Samples wallRatios, Samples cpuRatios) {

    public BatchResult {
      calls = List.copyOf(calls);
    }

    /** One caller, calls back to back: the median over the samples of examples (images, texts) over wall time. */
    public double examplesPerSecond(Timings t) {
      return medianPerSample(t.sampleWall(), (calls, wall) -> batch * calls / wall);
    }

    /** The median over the samples of CPU time per call. */
    public double cpuMillisPerCall(Timings t) {
      return medianPerSample(t.sampleCpu(), (calls, cpu) -> 1e3 * cpu / calls);
    }

    /**
     * B's CPU time over A's, summed over all rounds. The CPU clock ticks (10 ms on Linux), so a
     * round's CPU ratio moves in steps of a tick over the sample's CPU time and often ties at 1; the
     * totals are not held to that resolution.
     */
    public double cpuRatioOfTotals() {
      return sum(b.sampleCpu()) / sum(a.sampleCpu());
    }

    public double medianCalls() {
      return Samples.of(calls.stream().map(Integer::doubleValue).toList()).median();
    }

    /** The median over the samples of {@code f(calls, seconds)}. */
    private double medianPerSample(Samples seconds, DoubleBinaryOperator f) {
      double[] x = seconds.seconds();
      double[] out = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        out[i] = f.applyAsDouble(calls.get(i), x[i]);
      }
      return new Samples(out).median();
    }

    private static double sum(Samples s) {
      return Arrays.stream(s.seconds()).sum();
    }
  }
}
