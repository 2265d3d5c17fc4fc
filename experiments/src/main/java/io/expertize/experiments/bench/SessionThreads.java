package io.expertize.experiments.bench;

import java.util.Map;
import org.tensorflow.proto.ConfigProto;

/**
 * TensorFlow's thread pools of a benchmark's sessions. A count of 0 is TensorFlow's own "default"
 * (one intra-op thread per core), as in {@link ConfigProto}.
 */
public record SessionThreads(int intraOp, int interOp) {
  /** TensorFlow's defaults for both pools. */
  public static final SessionThreads TF_DEFAULTS = new SessionThreads(0, 0);

  public SessionThreads {
    if (intraOp < 0 || interOp < 0) {
      throw new IllegalArgumentException("thread counts must not be negative, got intra-op " + intraOp
          + ", inter-op " + interOp + " (0: TensorFlow's default)");
    }
  }

  public ConfigProto config() {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOp)
        .setInterOpParallelismThreads(interOp)
        .build();
  }

  /** For report headers: {@code threads intra default / inter 1}. */
  String describe() {
    return "threads intra " + count(intraOp) + " / inter " + count(interOp);
  }

  /** The two counts in a report's JSON settings. */
  void putJson(Map<String, Object> settings) {
    settings.put("intra_op_threads", intraOp);
    settings.put("inter_op_threads", interOp);
  }

  private static String count(int n) {
    return n == 0 ? "default" : Integer.toString(n);
  }
}
