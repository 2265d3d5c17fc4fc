package io.expertize.zoo;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;

/** A session run once or twice: Grappler's rewrites of a whole model graph would cost more than they save. */
final class OneShotSession {
  private static final ConfigProto CONFIG = ConfigProto.newBuilder()
      .setGraphOptions(GraphOptions.newBuilder()
          .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true))
          .setOptimizerOptions(OptimizerOptions.newBuilder().setOptLevel(OptimizerOptions.Level.L0)))
      .build();

  private OneShotSession() {}

  static Session open(Graph graph) {
    return new Session(graph, CONFIG);
  }
}
