package io.expertize.experiments.bench;

/** The MatMul ceiling at one size: timings of chained runs and the FLOPs of one run. */
public record ProbeResult(int size, int chain, double flopsPerRun, Samples samples) {

  /** GFLOP/s of the median run. */
  public double gflops() {
    return flopsPerRun / samples.median() / 1e9;
  }
}
