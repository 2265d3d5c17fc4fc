package io.expertize.experiments.bench;

import io.expertize.options.OptionsStyle;
import java.util.List;
import org.immutables.value.Value;

/** What {@code expertize bench experts} measures and how often: build it with {@link #builder()}. */
@Value.Immutable
@OptionsStyle
public abstract class ExpertBenchSettings {

  /** Images per step. */
  public abstract int batch();

  /** Dense first, then the expert configurations. */
  public abstract List<ExpertConfig> configs();

  /**
   * Untimed rounds first (the first runs of a Session pay Grappler's rewrites and oneDNN's
   * primitive creation).
   */
  public abstract int warmup();

  /** Timed rounds; each round runs one training step of every configuration. */
  public abstract int rounds();

  /** Whether to time steps (in this process, interleaved). */
  @Value.Default
  public boolean timing() {
    return true;
  }

  /** Whether to measure each configuration's memory (a child JVM each, after the timing). */
  @Value.Default
  public boolean memory() {
    return true;
  }

  /** Untimed steps a memory child runs before its traced ones. */
  @Value.Default
  public int memoryWarmup() {
    return 1;
  }

  /** Traced steps per memory child (the peak is their maximum). */
  public abstract int memorySteps();

  /** Child JVMs per configuration (medians are reported). */
  public abstract int memoryRepeats();

  /** Traced steps per configuration after the timed rounds, for op time by type; none unless set. */
  @Value.Default
  public int profileSteps() {
    return 0;
  }

  @Value.Default
  public SessionThreads threads() {
    return SessionThreads.TF_DEFAULTS;
  }

  /** Seed of the order shuffled within each round. */
  public abstract long seed();

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Checks.require(batch() > 0, "batch must be positive, got " + batch());
    Checks.require(!configs().isEmpty() && configs().get(0).dense(),
        "the configurations must start with dense, got " + configs());
    Checks.require(configs().stream().distinct().count() == configs().size(), "configurations repeat: " + configs());
    Checks.require(warmup() >= 0, "warm-up rounds must not be negative, got " + warmup());
    Checks.require(rounds() > 0, "rounds must be positive, got " + rounds());
    Checks.require(timing() || memory(), "nothing to measure: both timing and memory are off");
    Checks.require(memoryWarmup() >= 0, "memory warm-up steps must not be negative, got " + memoryWarmup());
    Checks.require(memorySteps() > 0, "traced memory steps must be positive, got " + memorySteps());
    Checks.require(memoryRepeats() > 0, "memory repeats must be positive, got " + memoryRepeats());
    Checks.require(profileSteps() >= 0, "profile steps must not be negative, got " + profileSteps());
  }

  /** Names each setting. */
  public static class Builder extends ImmutableExpertBenchSettings.Builder {}
}
