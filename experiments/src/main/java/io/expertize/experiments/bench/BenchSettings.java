package io.expertize.experiments.bench;

import io.expertize.options.OptionsStyle;
import java.util.List;
import org.immutables.value.Value;

/** What {@code expertize bench} measures and how often: build it with {@link #builder()}. */
@Value.Immutable
@OptionsStyle
public abstract class BenchSettings {

  /** Images per step. */
  public abstract int batch();

  /**
   * Untimed training steps (and probe runs) before timing: graph rewrites, oneDNN primitive caches
   * and allocations settle in the first runs.
   */
  public abstract int warmup();

  /** Timed training steps; each is one round of the interleaved schedule. */
  public abstract int steps();

  /** Timed inference passes, spread evenly over the rounds; half the steps unless set. */
  @Value.Default
  public int forwardSteps() {
    return Math.max(1, steps() / 2);
  }

  /** Matrix sizes of the ceiling probe. */
  public abstract List<Integer> matMulSizes();

  /** MatMuls per probe run. */
  public abstract int chain();

  @Value.Default
  public SessionThreads threads() {
    return SessionThreads.TF_DEFAULTS;
  }

  /** Whether to trace one extra training step and report op time by type. */
  @Value.Default
  public boolean profile() {
    return false;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether round {@code r} also times an inference pass: forwardSteps of them, evenly spread. */
  boolean forwardInRound(int r) {
    int forward = forwardSteps();
    return forward > 0 && (long) r * forward / steps() != (long) (r + 1) * forward / steps();
  }

  @Value.Check
  void check() {
    Checks.require(batch() > 0, "batch must be positive, got " + batch());
    Checks.require(warmup() >= 0, "warm-up steps must not be negative, got " + warmup());
    Checks.require(steps() > 0, "steps must be positive, got " + steps());
    Checks.require(forwardSteps() >= 0 && forwardSteps() <= steps(),
        "forward steps must be in [0, steps=" + steps() + "], got " + forwardSteps());
    Checks.require(!matMulSizes().isEmpty() && matMulSizes().stream().allMatch(n -> n > 0),
        "matmul sizes must be positive, got " + matMulSizes());
    Checks.require(chain() > 0, "matmul chain must be positive, got " + chain());
  }

  /** Names each setting. */
  public static class Builder extends ImmutableBenchSettings.Builder {}
}
