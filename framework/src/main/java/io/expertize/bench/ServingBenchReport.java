package io.expertize.bench;

import java.util.List;

/**
 * Everything one {@code expertize bench serving} run measured: two SavedModels, A and B, called
 * through the same signature with the same inputs in interleaved rounds.
 *
 * @param a the reference (a dense-trained export)
 * @param b the model compared with it (e.g. an expert-trained export)
 * @param imageShape [height, width, channels] of the images fed to both
 */
public record ServingBenchReport(
    Model a, Model b, List<Long> imageShape, GraphComparison graphs, ServingBenchSettings settings,
    List<BatchResult> batches, BenchReport.Machine machine, double wallSeconds) {

  public ServingBenchReport {
    imageShape = List.copyOf(imageShape);
    batches = List.copyOf(batches);
  }

  /** @param label the scheme it was trained with, or its directory's name */
  public record Model(String label, String path) {}

  /**
   * One model at one batch size.
   *
   * @param latencies wall time of every timed call, pooled over the rounds
   * @param sampleWall wall time of each round's sample ({@code callsPerSample} calls back to back)
   * @param sampleCpu CPU time of this process (all threads) during each sample
   */
  public record Timings(Samples latencies, Samples sampleWall, Samples sampleCpu) {}

  /**
   * Both models at one batch size.
   *
   * @param wallRatios per round, B's sample wall time over A's
   * @param cpuRatios per round, B's sample CPU time over A's
   */
  public record BatchResult(
      int batch, int callsPerSample, Timings a, Timings b, Samples wallRatios, Samples cpuRatios) {

    /** One caller, calls back to back: images of the median sample over its wall time. */
    public double imagesPerSecond(Timings t) {
      return (double) batch * callsPerSample / t.sampleWall().median();
    }

    public double cpuMillisPerCall(Timings t) {
      return 1e3 * t.sampleCpu().median() / callsPerSample;
    }
  }
}
