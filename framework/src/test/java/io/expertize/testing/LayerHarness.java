package io.expertize.testing;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.graph.Param;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * Runs one module in a graph of its own with every parameter (and the input) a placeholder, so a
 * test chooses all values: forward checks against independent computations, and gradient checks
 * against finite differences. The scalar {@code loss = sum(y * R)} (R fixed, random) is built in
 * float64 so that finite differences see float32 forward values without summation noise.
 */
public final class LayerHarness implements AutoCloseable {
  public final Graph graph = new Graph();
  public final Session session = new Session(graph);
  private final Ops tf = Ops.create(graph);
  private final ModuleTree tree;
  private final Map<Param, Placeholder<TFloat32>> params = new IdentityHashMap<>();
  private final Placeholder<TFloat32> input;
  public final Operand<TFloat32> output;
  private final Operand<TFloat64> loss;
  private final List<Output<?>> gradients = new ArrayList<>();
  /** Current value of every tensor: the input first, then the parameters in walk order. */
  public final Map<String, float[]> values = new LinkedHashMap<>();
  private final Map<String, Shape> shapes = new LinkedHashMap<>();

  /**
   * @param training a training pass with a fixed step (dropout masks are then fixed functions)
   */
  public LayerHarness(Module module, Shape inputShape, boolean training,
      BiFunction<ForwardContext, Operand<TFloat32>, Operand<TFloat32>> forward, long seed) {
    this(module, inputShape, training, forward, seed, true);
  }

  /** @param inputDifferentiable false when the forward ignores the float input (token ids instead) */
  public LayerHarness(Module module, Shape inputShape, boolean training,
      BiFunction<ForwardContext, Operand<TFloat32>, Operand<TFloat32>> forward, long seed,
      boolean inputDifferentiable) {
    tree = ModuleTree.of(module);
    input = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(inputShape));
    Random random = new Random(seed);
    values.put("input", normal(random, inputShape.size(), 1.0));
    shapes.put("input", inputShape);
    for (NamedParam np : tree.params()) {
      params.put(np.param(), tf.placeholder(TFloat32.class, Placeholder.shape(np.param().shape())));
      values.put(np.path(), normal(random, np.param().size(), 0.5));
      shapes.put(np.path(), np.param().shape());
    }
    ForwardContext ctx = training
        ? ForwardContext.training(tf, params::get, tf.constant(5L), 11)
        : ForwardContext.inference(tf, params::get);
    output = forward.apply(ctx, input);
    Operand<TFloat64> r = tf.stopGradient(
        tf.random.statelessRandomNormal(tf.shape(output), tf.constant(new long[] {3, 4}), TFloat64.class));
    Operand<TFloat64> y64 = tf.dtypes.cast(output, TFloat64.class);
    loss = tf.reduceSum(tf.math.mul(y64, r), tf.range(tf.constant(0), tf.rank(output), tf.constant(1)));
    // same order as `values`: the input, then the parameters in walk order
    List<Output<?>> xs = new ArrayList<>();
    if (inputDifferentiable) {
      xs.add(input.asOutput());
    }
    for (NamedParam np : tree.params()) {
      xs.add(params.get(np.param()).asOutput());
    }
    for (Output<?> g : graph.addGradients(loss.asOutput(), xs.toArray(Output[]::new))) {
      gradients.add(g);
    }
  }

  public ModuleTree tree() {
    return tree;
  }

  public Shape shape(String name) {
    return shapes.get(name);
  }

  private List<Tensor> pending = List.of();

  private Session.Runner fed() {
    Session.Runner runner = session.runner();
    List<Tensor> toClose = new ArrayList<>();
    runner.feed(input, track(toClose, tensor(values.get("input"), shapes.get("input"))));
    for (NamedParam np : tree.params()) {
      runner.feed(params.get(np.param()), track(toClose, tensor(values.get(np.path()), shapes.get(np.path()))));
    }
    pending = toClose;
    return runner;
  }

  private static <T extends Tensor> T track(List<Tensor> list, T t) {
    list.add(t);
    return t;
  }

  private void closePending() {
    pending.forEach(Tensor::close);
    pending = List.of();
  }

  /** The module's output for the current values, flattened. */
  public float[] forward() {
    try (Result r = fed().fetch(output).run()) {
      TFloat32 y = (TFloat32) r.get(0);
      float[] out = new float[(int) y.shape().size()];
      y.asRawTensor().data().asFloats().read(out);
      return out;
    } finally {
      closePending();
    }
  }

  public Shape outputShape() {
    try (Result r = fed().fetch(output).run()) {
      return r.get(0).shape();
    } finally {
      closePending();
    }
  }

  public double loss() {
    try (Result r = fed().fetch(loss).run()) {
      return ((TFloat64) r.get(0)).getDouble();
    } finally {
      closePending();
    }
  }

  /** TF's gradients of the loss for the current values, by tensor name (null where TF has none). */
  public Map<String, float[]> gradients() {
    Map<String, float[]> out = new LinkedHashMap<>();
    Session.Runner runner = fed();
    gradients.forEach(runner::fetch);
    try (Result r = runner.run()) {
      int i = 0;
      for (String name : values.keySet()) {
        if (name.equals("input") && gradients.size() < values.size()) {
          continue; // the input is not differentiated
        }
        TFloat32 g = (TFloat32) r.get(i++);
        float[] a = new float[(int) g.shape().size()];
        g.asRawTensor().data().asFloats().read(a);
        out.put(name, a);
      }
    } finally {
      closePending();
    }
    return out;
  }

  public static TFloat32 tensor(float[] data, Shape shape) {
    return TFloat32.tensorOf(shape, DataBuffers.of(data, true, false));
  }

  public static float[] normal(Random random, long n, double std) {
    float[] a = new float[Math.toIntExact(n)];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (random.nextGaussian() * std);
    }
    return a;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
