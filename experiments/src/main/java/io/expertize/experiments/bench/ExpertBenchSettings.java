package io.expertize.experiments.bench;

import java.util.List;
import org.tensorflow.proto.ConfigProto;

/**
 * What {@code expertize bench experts} measures and how often.
 *
 * @param batch images per step
 * @param configs dense first, then the expert configurations
 * @param warmup untimed rounds first (the first runs of a Session pay Grappler's rewrites and
 *     oneDNN's primitive creation)
 * @param rounds timed rounds; each round runs one training step of every configuration
 * @param timing whether to time steps (in this process, interleaved)
 * @param memory whether to measure each configuration's memory (a child JVM each, after the timing)
 * @param memoryWarmup untimed steps a memory child runs before its traced ones
 * @param memorySteps traced steps per memory child (the peak is their maximum)
 * @param memoryRepeats child JVMs per configuration (medians are reported)
 * @param profileSteps traced steps per configuration after the timed rounds, for op time by type
 *     (0: no profile); their per-type medians are reported
 * @param intraOp TF intra-op threads (0: TF's default)
 * @param interOp TF inter-op threads (0: TF's default)
 * @param seed of the order shuffled within each round
 */
public record ExpertBenchSettings(
    int batch, List<ExpertConfig> configs, int warmup, int rounds, boolean timing, boolean memory,
    int memoryWarmup, int memorySteps, int memoryRepeats, int profileSteps, int intraOp, int interOp, long seed) {

  public ExpertBenchSettings {
    require(batch > 0, "batch must be positive, got " + batch);
    require(!configs.isEmpty() && configs.get(0).dense(), "the configurations must start with dense, got " + configs);
    require(configs.stream().distinct().count() == configs.size(), "configurations repeat: " + configs);
    require(warmup >= 0, "warm-up rounds must not be negative, got " + warmup);
    require(rounds > 0, "rounds must be positive, got " + rounds);
    require(timing || memory, "nothing to measure: both timing and memory are off");
    require(memoryWarmup >= 0, "memory warm-up steps must not be negative, got " + memoryWarmup);
    require(memorySteps > 0, "traced memory steps must be positive, got " + memorySteps);
    require(memoryRepeats > 0, "memory repeats must be positive, got " + memoryRepeats);
    require(profileSteps >= 0, "profile steps must not be negative, got " + profileSteps);
    require(intraOp >= 0 && interOp >= 0, "thread counts must not be negative");
    configs = List.copyOf(configs);
  }

  public ConfigProto sessionConfig() {
    return SessionThreads.config(intraOp, interOp);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
