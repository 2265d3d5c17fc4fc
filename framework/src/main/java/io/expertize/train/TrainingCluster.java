package io.expertize.train;

import org.tensorflow.Graph;
import org.tensorflow.Session;

/**
 * The cluster a chief trains on: how the training graph is laid out over its tasks, the session
 * against the chief's own TensorFlow server, and what to say when a step fails (which task is gone).
 */
public interface TrainingCluster {
  DataParallel layout();

  /** A session on {@code graph} through the chief's gRPC master. */
  Session open(Graph graph);

  /** The error a failed step becomes: names the tasks that no longer answer, if any. */
  RuntimeException stepFailed(long step, RuntimeException failure);
}
