package io.expertize.experiments.bench;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.TensorFlow;

/**
 * Everything one {@code expertize bench} run measured, with the derived figures. Throughput and
 * GFLOP/s come from median times; the ceiling is the best MatMul probe size.
 */
public record BenchReport(
    String model, long parameters, BenchSettings settings, FlopCount flops,
    Samples train, Samples forward, List<ProbeResult> probes, OpProfile profile, Machine machine) {

  /** Where it ran: cores, TF version, load average before and after (other processes share the cores). */
  public record Machine(int cores, String tensorflow, double loadBefore, double loadAfter) {

    /** The {@code machine} object of the benchmarks' JSON reports. */
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cores", cores);
      m.put("tensorflow", tensorflow);
      m.put("load_before", loadBefore);
      m.put("load_after", loadAfter);
      return m;
    }

    /** This machine now, at the end of a measurement that started at {@code loadBefore}. */
    public static Machine after(double loadBefore) {
      return new Machine(Runtime.getRuntime().availableProcessors(), TensorFlow.version(), loadBefore, loadAverage());
    }

    /** The system's one-minute load average. */
    public static double loadAverage() {
      return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
  }

  public ProbeResult ceiling() {
    return probes.stream().max(Comparator.comparingDouble(ProbeResult::gflops)).orElseThrow();
  }

  public double trainImagesPerSec() {
    return settings.batch() / train.median();
  }

  public double trainGflops() {
    return flops.training(settings.batch()) / train.median() / 1e9;
  }

  /** Null when no inference pass was timed. */
  public Double forwardImagesPerSec() {
    return forward == null ? null : settings.batch() / forward.median();
  }

  public Double forwardGflops() {
    return forward == null ? null : flops.forward(settings.batch()) / forward.median() / 1e9;
  }

  public double trainFractionOfCeiling() {
    return trainGflops() / ceiling().gflops();
  }

  /**
   * Median over rounds of (training GFLOP/s in the round) / (ceiling-size GFLOP/s in the same round).
   * Each round measures both within seconds of each other, so a change of load between rounds cancels
   * out; the ratio of medians above does not have that protection.
   */
  public double trainFractionOfCeilingPaired() {
    ProbeResult c = ceiling();
    double[] t = train.seconds();
    double[] p = c.samples().seconds();
    double[] ratios = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      ratios[i] = (flops.training(settings.batch()) / t[i]) / (c.flopsPerRun() / p[i]);
    }
    return new Samples(ratios).median();
  }

  public Double forwardFractionOfCeiling() {
    return forward == null ? null : forwardGflops() / ceiling().gflops();
  }
}
