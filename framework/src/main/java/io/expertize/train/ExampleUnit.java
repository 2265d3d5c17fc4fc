package io.expertize.train;

/**
 * What a task's training examples are, for throughput: written out ({@code images}) and short, as in
 * {@code img/s}. metrics.jsonl, TensorBoard and summary.json give the rate as {@code examples_per_sec}
 * whatever the unit; summary.json names the unit ({@code example_unit}).
 */
public record ExampleUnit(String plural, String abbreviation) {
  /** Image classification: one image per example. */
  public static final ExampleUnit IMAGES = new ExampleUnit("images", "img");
  /** Text to text: one input sequence and its target sequence per example (a span-corrupted segment). */
  public static final ExampleUnit SEQUENCES = new ExampleUnit("sequences", "seq");
  /** A task that does not say. */
  public static final ExampleUnit EXAMPLES = new ExampleUnit("examples", "ex");
}
