package io.expertize.experiments.bench;

import java.util.List;

/**
 * Everything one {@code expertize bench experts} run measured: per configuration its trained
 * parameters, step times and per-round ratios to dense, op profile and memory (each null when not
 * measured).
 *
 * @param tokens tokens per image (patches plus class token)
 * @param deployedParameters parameters of the dense model every configuration fuses into
 */
public record ExpertBenchReport(
    ModelSpec model, long tokens, long deployedParameters, ExpertBenchSettings settings,
    List<Result> results, BenchReport.Machine machine, double wallSeconds) {

  /** Bytes per extra trained fp32 scalar: the value, its gradient, Adam's m and v. */
  public static final int BYTES_PER_TRAINED_SCALAR = 16;

  /**
   * One configuration.
   *
   * @param steps training step wall times, one per round (dense: one per block per round); null
   *     without timing
   * @param ratios per round, this step's wall time over dense's in the same block of the same round;
   *     null for dense and without timing
   * @param cpuSteps CPU time of this process (all threads) during each timed step, like {@code steps}
   * @param cpuRatios per-round ratios of {@code cpuSteps}, like {@code ratios}
   * @param profile op time by type, per-type median over the traced steps; null unless profiled
   * @param memory measured in child processes; null unless asked for
   */
  public record Result(
      ExpertConfig config, long trainingParameters, Samples steps, Samples ratios, Samples cpuSteps,
      Samples cpuRatios, OpProfile profile, MemoryRuns memory) {}

  public ExpertBenchReport {
    results = List.copyOf(results);
    if (results.isEmpty() || !results.get(0).config().dense()) {
      throw new IllegalArgumentException("results must start with dense");
    }
  }

  public Result dense() {
    return results.get(0);
  }

  /** Trained scalars beyond dense's (expert copies, routers, mixing weights). */
  public long extraParameters(Result r) {
    return r.trainingParameters() - dense().trainingParameters();
  }

  /**
   * What the extra parameters should cost at the peak if experts cost only their parameters plus
   * optimizer slots: value, gradient, Adam m and v, 4 bytes each.
   */
  public long expectedExtraBytes(Result r) {
    return BYTES_PER_TRAINED_SCALAR * extraParameters(r);
  }

  /** Measured tensor peak (median over runs) beyond dense's; null without memory. */
  public Long extraTensorPeakBytes(Result r) {
    return r.memory() == null || dense().memory() == null ? null
        : r.memory().tensorPeakBytes() - dense().memory().tensorPeakBytes();
  }
}
