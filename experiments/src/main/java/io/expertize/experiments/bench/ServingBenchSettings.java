package io.expertize.experiments.bench;

import java.util.List;
import org.tensorflow.proto.ConfigProto;

/**
 * What {@code expertize bench serving} measures and how often.
 *
 * @param batches batch sizes; every round times both models at each
 * @param warmup untimed rounds after the first calls (at least one is run): each model calls for
 *     about {@code sampleMillis} at every batch size; their median call time sets the calls per sample
 * @param rounds timed rounds; a round times one sample of each model at every batch size
 * @param sampleMillis wall time a sample should last (process CPU time ticks in 10 ms, so a sample
 *     must be much longer than that for its CPU time to mean something)
 * @param intraOp TF intra-op threads (0: TF's default)
 * @param interOp TF inter-op threads (0: TF's default)
 */
public record ServingBenchSettings(
    List<Integer> batches, int warmup, int rounds, int sampleMillis, int intraOp, int interOp) {

  public ServingBenchSettings {
    require(!batches.isEmpty() && batches.stream().allMatch(b -> b > 0), "batch sizes must be positive, got " + batches);
    require(batches.stream().distinct().count() == batches.size(), "batch sizes repeat: " + batches);
    require(warmup >= 0, "warm-up rounds must not be negative, got " + warmup);
    require(rounds > 0, "rounds must be positive, got " + rounds);
    require(sampleMillis > 0, "sample time must be positive, got " + sampleMillis + " ms");
    require(intraOp >= 0 && interOp >= 0, "thread counts must not be negative");
    batches = List.copyOf(batches);
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
