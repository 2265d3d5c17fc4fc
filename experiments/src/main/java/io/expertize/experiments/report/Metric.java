package io.expertize.experiments.report;

/** A figure a study compares its arms on, and which way is better. */
public enum Metric {
  TOP1("top1", true),
  LOSS("loss", false);

  private final String key;
  private final boolean higherIsBetter;

  Metric(String key, boolean higherIsBetter) {
    this.key = key;
    this.higherIsBetter = higherIsBetter;
  }

  /** The field name in results.csv and results.json. */
  public String key() {
    return key;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** How the report names it: images are scored on the test split, text on held-out documents. */
  public String label(boolean text) {
    return this == TOP1 ? (text ? "next-token top-1 (%)" : "test top-1 (%)") : "held-out loss";
  }

  /** The value as the report prints it (top-1 in percent). */
  public double shown(double value) {
    return this == TOP1 ? 100 * value : value;
  }
}
