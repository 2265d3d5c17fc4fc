package io.expertize.experiments.report;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * An arm minus the baseline, paired by seed: the mean difference and its 95% confidence interval from
 * Student's t with n - 1 degrees of freedom, and the verdict that follows from whether it excludes 0.
 *
 * @param low the interval's ends (NaN with fewer than 2 pairs)
 */
public record PairedDifference(int n, double mean, double low, double high) {

  /** What a comparison supports. */
  public enum Verdict { BETTER, WORSE, INCONCLUSIVE }

  static final double CONFIDENCE = 0.95;

  /** From the per-seed differences (arm - baseline). */
  static PairedDifference of(List<Double> differences) {
    SummaryStatistics s = new SummaryStatistics();
    differences.forEach(s::addValue);
    int n = differences.size();
    if (n < 2) {
      return new PairedDifference(n, n == 1 ? s.getMean() : Double.NaN, Double.NaN, Double.NaN);
    }
    double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    double half = t * s.getStandardDeviation() / Math.sqrt(n);
    return new PairedDifference(n, s.getMean(), s.getMean() - half, s.getMean() + half);
  }

  /** Better or worse only when the interval excludes 0, in the direction {@code metric} prefers. */
  Verdict verdict(Metric metric) {
    if (n < 2 || !(low > 0 || high < 0)) {
      return Verdict.INCONCLUSIVE;
    }
    return (low > 0) == metric.higherIsBetter() ? Verdict.BETTER : Verdict.WORSE;
  }
}
