package io.expertize.experiments.bench;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The throughput ceiling of this process: a chain of {@code n x n} fp32 MatMuls in one Session run,
 * so per-run overhead is amortised over the chain. Inputs are variables (not constants, which Grappler
 * would fold away); only a scalar sum is fetched.
 */
public final class MatMulProbe implements AutoCloseable {
  private final int n;
  private final int chain;
  private final Graph graph;
  private final Session session;
  private final Operand<TFloat32> checksum;

  public MatMulProbe(int n, int chain, ConfigProto config) {
    if (n <= 0 || chain <= 0) {
      throw new IllegalArgumentException("matmul probe needs positive size and chain, got " + n + ", " + chain);
    }
    this.n = n;
    this.chain = chain;
    graph = new Graph();
    Ops tf = Ops.create(graph);
    // Entries uniform in +-sqrt(3/n): each product keeps the magnitude, so no overflow or denormals.
    Operand<TFloat32> x = variable(tf, "x", new long[] {1, 2});
    Operand<TFloat32> w = variable(tf, "w", new long[] {3, 4});
    Operand<TFloat32> y = x;
    for (int i = 0; i < chain; i++) {
      y = tf.linalg.matMul(y, w);
    }
    checksum = tf.reduceSum(y, tf.constant(new int[] {0, 1}));
    session = new Session(graph, config);
    session.initialize();
  }

  private Operand<TFloat32> variable(Ops tf, String name, long[] seed) {
    Variable<TFloat32> v = tf.withName(name).variable(org.tensorflow.ndarray.Shape.of(n, n), TFloat32.class);
    Ops init = tf.withInitScope();
    Operand<TFloat32> u = init.random.statelessRandomUniform(init.constant(new int[] {n, n}), init.constant(seed));
    float a = (float) Math.sqrt(3.0 / n);
    init.assign(v, init.math.mul(init.math.sub(u, init.constant(0.5f)), init.constant(2 * a)));
    return tf.identity(v); // read through Identity, as every variable of the framework (see VariableStore)
  }

  /** FLOPs of one run: {@code chain * 2 n^3}. */
  public double flopsPerRun() {
    return chain * 2.0 * n * n * n;
  }

  public int size() {
    return n;
  }

  public int chain() {
    return chain;
  }

  /** Runs the chain once and returns the wall time in seconds. */
  public double time() {
    long t0 = System.nanoTime();
    try (Result r = session.runner().fetch(checksum).run()) {
      r.get(0); // the run is synchronous; the fetch keeps the chain from being pruned
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
