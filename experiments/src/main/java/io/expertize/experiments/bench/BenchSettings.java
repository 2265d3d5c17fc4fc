package io.expertize.experiments.bench;

import java.util.List;
import org.tensorflow.proto.ConfigProto;

/**
 * What to measure and how often.
 *
 * @param batch images per step
 * @param warmup untimed training steps (and probe runs) before timing: graph rewrites, oneDNN
 *     primitive caches and allocations settle in the first runs
 * @param steps timed training steps; each is one round of the interleaved schedule
 * @param forwardSteps timed inference passes, spread evenly over the rounds
 * @param matMulSizes matrix sizes of the ceiling probe
 * @param chain MatMuls per probe run
 * @param intraOp TF intra-op threads (0: TF's default, one per core)
 * @param interOp TF inter-op threads (0: TF's default)
 * @param profile whether to trace one extra training step and report op time by type
 */
public record BenchSettings(
    int batch, int warmup, int steps, int forwardSteps, List<Integer> matMulSizes, int chain,
    int intraOp, int interOp, boolean profile) {

  public BenchSettings {
    require(batch > 0, "batch must be positive, got " + batch);
    require(warmup >= 0, "warm-up steps must not be negative, got " + warmup);
    require(steps > 0, "steps must be positive, got " + steps);
    require(forwardSteps >= 0 && forwardSteps <= steps,
        "forward steps must be in [0, steps=" + steps + "], got " + forwardSteps);
    require(!matMulSizes.isEmpty() && matMulSizes.stream().allMatch(n -> n > 0),
        "matmul sizes must be positive, got " + matMulSizes);
    require(chain > 0, "matmul chain must be positive, got " + chain);
    require(intraOp >= 0 && interOp >= 0, "thread counts must not be negative");
    matMulSizes = List.copyOf(matMulSizes);
  }

  /** Session options: the thread pools asked for, TF's defaults otherwise. */
  public ConfigProto sessionConfig() {
    return SessionThreads.config(intraOp, interOp);
  }

  /** Whether round {@code r} also times an inference pass: forwardSteps of them, evenly spread. */
  boolean forwardInRound(int r) {
    return forwardSteps > 0 && (long) r * forwardSteps / steps != (long) (r + 1) * forwardSteps / steps;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
