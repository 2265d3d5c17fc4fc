package io.expertize.experiments.report;

import java.util.Map;
import java.util.SortedMap;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * One arm at one point of the axes, on one metric: every seed's final value, their mean and sample
 * standard deviation.
 */
public record GroupStats(String group, String arm, Map<String, String> axes, Metric metric, SortedMap<Long, Double> bySeed) {

  public int n() {
    return bySeed.size();
  }

  public double mean() {
    return stats().getMean();
  }

  /** Sample standard deviation (n - 1); NaN for a single seed. */
  public double std() {
    return n() < 2 ? Double.NaN : stats().getStandardDeviation();
  }

  private SummaryStatistics stats() {
    SummaryStatistics s = new SummaryStatistics();
    bySeed.values().forEach(s::addValue);
    return s;
  }
}
