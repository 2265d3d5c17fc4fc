package io.expertize.experiments.bench;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Timings of one measurement, in seconds. The median is the headline figure: on a shared machine
 * the mean is pulled up by whichever other process ran during a sample.
 */
public record Samples(double[] seconds) {

  public Samples {
    if (seconds.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    seconds = seconds.clone();
  }

  public static Samples of(List<Double> seconds) {
    return new Samples(seconds.stream().mapToDouble(Double::doubleValue).toArray());
  }

  public double median() {
    double[] s = sorted();
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /**
   * The {@code p}-quantile ({@code 0 <= p <= 1}), linearly interpolated between order statistics
   * (R's and numpy's default): {@code quantile(0.5)} is the median, {@code quantile(0.25)} and
   * {@code quantile(0.75)} bound the interquartile range.
   */
  public double quantile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("quantile must be in [0, 1], got " + p);
    }
    double[] s = sorted();
    double h = (s.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  }

  /**
   * A distribution-free confidence interval of the median, at least 95%: the order statistics at
   * ranks r and n + 1 - r, r the largest rank with P(Binomial(n, 1/2) < r) <= 2.5%. It assumes
   * nothing about how the timings are distributed. Below 6 samples no such rank exists: the whole
   * range, which covers less.
   */
  public double[] medianInterval95() {
    double[] s = sorted();
    int n = s.length;
    BinomialDistribution below = new BinomialDistribution(null, n, 0.5);
    int rank = 0;
    while (below.cumulativeProbability(rank) <= 0.025) {
      rank++;
    }
    int lo = Math.max(0, rank - 1);
    return new double[] {s[lo], s[n - 1 - lo]};
  }

  public double min() {
    return sorted()[0];
  }

  public double max() {
    double[] s = sorted();
    return s[s.length - 1];
  }

  public int count() {
    return seconds.length;
  }

  @Override
  public double[] seconds() {
    return seconds.clone();
  }

  private double[] sorted() {
    double[] s = seconds.clone();
    Arrays.sort(s);
    return s;
  }
}
