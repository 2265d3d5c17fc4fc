package io.expertize.experiments.bench;

import io.expertize.options.OptionsStyle;
import java.util.List;
import org.immutables.value.Value;

/** What {@code expertize bench serving} measures and how often: build it with {@link #builder()}. */
@Value.Immutable
@OptionsStyle
public abstract class ServingBenchSettings {

  /** Batch sizes; every round times both models at each. */
  public abstract List<Integer> batches();

  /**
   * Untimed rounds after the first calls (at least one is run): each model calls for about
   * {@link #sampleMillis()} at every batch size; their median call time sets the calls per sample.
   */
  public abstract int warmup();

  /** Timed rounds; a round times one sample of each model at every batch size. */
  public abstract int rounds();

  /**
   * Wall time a sample should last (process CPU time ticks in 10 ms, so a sample must be much
   * longer than that for its CPU time to mean something).
   */
  public abstract int sampleMillis();

  @Value.Default
  public SessionThreads threads() {
    return SessionThreads.TF_DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Checks.require(!batches().isEmpty() && batches().stream().allMatch(b -> b > 0),
        "batch sizes must be positive, got " + batches());
    Checks.require(batches().stream().distinct().count() == batches().size(), "batch sizes repeat: " + batches());
    Checks.require(warmup() >= 0, "warm-up rounds must not be negative, got " + warmup());
    Checks.require(rounds() > 0, "rounds must be positive, got " + rounds());
    Checks.require(sampleMillis() > 0, "sample time must be positive, got " + sampleMillis() + " ms");
  }

  /** Names each setting. */
  public static class Builder extends ImmutableServingBenchSettings.Builder {}
}
