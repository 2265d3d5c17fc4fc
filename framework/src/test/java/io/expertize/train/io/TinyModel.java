package io.expertize.train.io;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** A graph with three VariableV2 variables (the kind the built-in saver writes), for tests. */
final class TinyModel implements AutoCloseable {

  /** The variables' values. */
  record Values(float[][] weight, float[] bias, long step) {}

  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private final Variable<TFloat32> weight;
  private final Variable<TFloat32> bias;
  private final Variable<TInt64> step;
  private final Session session;

  /** Builds the graph with these initial values and runs the initializers. */
  TinyModel(Values init) {
    this(init, true);
  }

  /** With {@code initialize} false only a restore gives the variables their values. */
  TinyModel(Values init, boolean initialize) {
    Ops layer = tf.withSubScope("layer");
    weight = layer.withName("weight").variable(tf.constant(init.weight()));
    bias = layer.withName("bias").variable(tf.constant(init.bias()));
    step = tf.withName("step").variable(tf.constant(init.step()));
    session = new Session(graph);
    if (initialize) {
      session.initialize();
    }
  }

  /** Zeros everywhere, as a model built before a resume would hold. */
  static Values zeros() {
    return new Values(new float[2][2], new float[3], 0);
  }

  Session session() {
    return session;
  }

  void assign(Values v) {
    try (Result r =
        session
            .runner()
            .addTarget(tf.assign(weight, tf.constant(v.weight())))
            .addTarget(tf.assign(bias, tf.constant(v.bias())))
            .addTarget(tf.assign(step, tf.constant(v.step())))
            .run()) {
      // targets only
    }
  }

  Values values() {
    try (Result r =
        session
            .runner()
            .fetch(tf.identity(weight))
            .fetch(tf.identity(bias))
            .fetch(tf.identity(step))
            .run()) {
      return new Values(
          StdArrays.array2dCopyOf((TFloat32) r.get(0)),
          StdArrays.array1dCopyOf((TFloat32) r.get(1)),
          ((TInt64) r.get(2)).getLong());
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
