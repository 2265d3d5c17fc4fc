package io.expertize.bench;

import java.util.Arrays;
import java.util.List;

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
