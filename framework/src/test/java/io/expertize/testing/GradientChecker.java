package io.expertize.testing;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.graph.Param;
import io.expertize.graph.ParamSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_Operation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Checks TF's symbolic gradients of a module against central finite differences.
 *
 * <p>Every parameter becomes a placeholder fed with seeded values ({@code N(0,1) * 0.5}); the loss
 * is {@code sum(y * R)} with R a fixed seeded {@code N(0,1)} tensor, so the check covers every
 * output element with a distinct weight. The analytic gradients come from one {@code tf.gradients}
 * call (TF's Gradients op, the path training uses) with respect to the input and every parameter.
 * The loss itself is evaluated in double in Java from the float32 output, so the only float32
 * rounding in a finite difference is the graph's own.
 *
 * <p>For each tensor separately (the input, then each parameter in {@link ModuleTree} order) the
 * check perturbs ONLY that tensor: along {@link Builder#directions} random {@code N(0,1)}
 * directions and at {@link Builder#elements} single random elements, and asserts {@code |fd -
 * analytic| <= rtol * max(|analytic|, floor)}. Failures name the parameter path and both values.
 *
 * <p>Before any number is compared, every parameter must be read by the forward pass (a walk of the
 * graph from the output) and must receive a non-null gradient: a layer that forgets a parameter, or
 * routes it only through non-differentiable ops, fails here with the parameter's path.
 */
public final class GradientChecker {

  /** A forward pass on a float input. */
  @FunctionalInterface
  public interface Forward {
    Operand<TFloat32> apply(ForwardContext ctx, Operand<TFloat32> x);
  }

  /** A forward pass on integer ids (Embedding); only the parameters are differentiated. */
  @FunctionalInterface
  public interface IdsForward {
    Operand<TFloat32> apply(ForwardContext ctx, Operand<TInt32> ids);
  }

  /** What one tensor's checks saw; {@code worstRatio} is max |fd - analytic| / allowed error. */
  public record TensorReport(String path, float[] gradient, int comparisons, double worstRatio) {}

  /** Results by path: {@code "input"} first (when the input is a float tensor), then parameter paths. */
  public record Report(Map<String, TensorReport> tensors) {
    public float[] gradient(String path) {
      TensorReport t = tensors.get(path);
      if (t == null) {
        throw new IllegalArgumentException("no tensor '" + path + "', have " + tensors.keySet());
      }
      return t.gradient;
    }

    public double worstRatio() {
      return tensors.values().stream().mapToDouble(TensorReport::worstRatio).max().orElse(0);
    }
  }

  public static final String INPUT = "input";

  private GradientChecker() {}

  public static Builder of(Module module) {
    return new Builder(module);
  }

  public static final class Builder {
    private final Module module;
    private long[] inputShape;
    private float[] inputValues;
    private Forward forward;
    private long[] idsShape;
    private int[] ids;
    private IdsForward idsForward;
    private boolean training;
    private long step;
    private long runSeed;
    private long seed = 42;
    private double eps = 5e-3;
    private double rtol = 1e-2;
    // The floor is the smallest derivative the finite difference resolves, so below it the check is
    // absolute: |fd - analytic| <= rtol * floor. The loss is summed in double, but y is float32:
    // each output carries ~1e-7 relative rounding (more after a normalisation or a softmax), and
    // with up to ~100 outputs weighted by R ~ N(0,1) the rounding of L(+) - L(-) is ~1e-6, i.e.
    // ~1e-4 after dividing by 2 * eps = 1e-2. Seen here: Attention, an input element with analytic
    // -5.15e-3 gave fd -5.04e-3 (|diff| 1.1e-4). With rtol 5e-3, floor 5e-2 allows 2.5e-4 there,
    // about twice that noise. Derivatives above the floor (element ones are O(0.1..1), directional
    // ones O(sqrt n) with N(0,1) directions) are held to the relative tolerance.
    private double floor = 5e-2;
    private int directions = 2;
    private int elements = 3;
    private boolean differentiateInput = true;

    private Builder(Module module) {
      this.module = Objects.requireNonNull(module);
    }

    /** A float input of this static shape, filled with {@code N(0,1) * 0.5}. */
    public Builder input(long... shape) {
      this.inputShape = shape.clone();
      return this;
    }

    /** A float input with given values (e.g. kept away from ReLU's kink). */
    public Builder input(float[] values, long... shape) {
      if (values.length != size(shape)) {
        throw new IllegalArgumentException(values.length + " values for shape " + Arrays.toString(shape));
      }
      this.inputShape = shape.clone();
      this.inputValues = values.clone();
      return this;
    }

    public Builder forward(Forward forward) {
      this.forward = forward;
      return this;
    }

    /** Integer ids as the input (fixed, not differentiated) and the forward that reads them. */
    public Builder ids(int[] ids, long[] shape, IdsForward forward) {
      if (ids.length != size(shape)) {
        throw new IllegalArgumentException(ids.length + " ids for shape " + Arrays.toString(shape));
      }
      this.ids = ids.clone();
      this.idsShape = shape.clone();
      this.idsForward = forward;
      return this;
    }

    /** A training pass keyed on a fixed step: stateless masks repeat, so differences are exact. */
    public Builder training(long step, long runSeed) {
      this.training = true;
      this.step = step;
      this.runSeed = runSeed;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder eps(double eps) {
      this.eps = eps;
      return this;
    }

    public Builder rtol(double rtol) {
      this.rtol = rtol;
      return this;
    }

    public Builder floor(double floor) {
      this.floor = floor;
      return this;
    }

    public Builder directions(int n) {
      this.directions = n;
      return this;
    }

    public Builder elements(int n) {
      this.elements = n;
      return this;
    }

    /** Skip the input (a layer whose input gradient is not of interest); parameters are still checked. */
    public Builder parametersOnly() {
      this.differentiateInput = false;
      return this;
    }

    public Report check() {
      if ((forward == null) == (idsForward == null)) {
        throw new IllegalStateException("give exactly one of input(...).forward(...) or ids(...)");
      }
      if (forward != null && inputShape == null) {
        throw new IllegalStateException("forward(...) needs input(shape)");
      }
      Report report = new Run(this).execute();
      if (Boolean.getBoolean("gradcheck.verbose")) {
        // -Dgradcheck.verbose=true shows the margins: worst |fd - analytic| / allowed per tensor.
        report.tensors().values().forEach(t -> System.out.printf(
            "gradcheck %s %-28s worst %.3f of allowed (rtol %.0e)%n",
            module.getClass().getSimpleName(), t.path(), t.worstRatio(), rtol));
      }
      return report;
    }
  }

  /** One tensor that is fed and differentiated. */
  private static final class Fed {
    final String path;
    final long[] shape;
    final Placeholder<TFloat32> placeholder;
    final float[] values;
    Output<?> gradient;

    Fed(String path, long[] shape, Placeholder<TFloat32> placeholder, float[] values) {
      this.path = path;
      this.shape = shape;
      this.placeholder = placeholder;
      this.values = values;
    }
  }

  private static final class Run {
    private final Builder b;
    private final Random random;

    Run(Builder b) {
      this.b = b;
      this.random = new Random(b.seed);
    }

    Report execute() {
      ModuleTree tree = ModuleTree.of(b.module);
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        List<Fed> fed = new ArrayList<>();
        Map<Param, Operand<TFloat32>> reads = new IdentityHashMap<>();
        Fed input = null;
        if (b.forward != null) {
          float[] x = b.inputValues != null ? b.inputValues.clone() : normal(size(b.inputShape), 0.5);
          input = new Fed(INPUT, b.inputShape, placeholder(tf, "input", b.inputShape), x);
          if (b.differentiateInput) {
            fed.add(input);
          }
        }
        List<Fed> params = new ArrayList<>();
        for (NamedParam np : tree.params()) {
          long[] shape = np.param().dims();
          // Placeholders are named by path, so TF's own messages name the parameter too.
          Fed f = new Fed(np.path(), shape, placeholder(tf, "p." + np.path(), shape), normal(size(shape), 0.5));
          params.add(f);
          fed.add(f);
          reads.put(np.param(), tf.identity(f.placeholder));
        }
        ParamSource source =
            p -> {
              Operand<TFloat32> r = reads.get(p);
              if (r == null) {
                throw new AssertionError(
                    "the forward pass reads parameter " + p + ", which ModuleTree does not reach:"
                        + " hold its module in a field (or a List field) of the model");
              }
              return r;
            };
        ForwardContext ctx =
            b.training
                ? ForwardContext.training(tf, source, tf.constant(b.step), b.runSeed)
                : ForwardContext.inference(tf, source);
        Operand<TFloat32> y =
            b.forward != null
                ? b.forward.apply(ctx, input.placeholder)
                : b.idsForward.apply(ctx, tf.constant(Shape.of(b.idsShape), DataBuffers.of(b.ids, true, false)));

        requireEveryParamRead(y, params);

        Placeholder<TFloat32> r = tf.placeholder(TFloat32.class);
        Operand<TFloat32> loss =
            tf.reduceSum(tf.reshape(tf.math.mul(y, r), tf.constant(new long[] {-1})), tf.constant(0));
        List<Operand<?>> xs = new ArrayList<>();
        fed.forEach(f -> xs.add(f.placeholder));
        Gradients grads = tf.gradients(loss, xs);
        for (int i = 0; i < fed.size(); i++) {
          Output<?> dy = grads.dy(i);
          if (dy == null || isNoGradient(dy)) {
            throw new AssertionError(
                "'" + fed.get(i).path + "' receives no gradient: it only reaches the output through"
                    + " ops without a gradient");
          }
          fed.get(i).gradient = dy;
        }

        try (Session s = new Session(g)) {
          Evaluator eval = new Evaluator(s, y, input, params);
          float[] y0 = eval.output(null, null);
          double[] rValues = toDouble(normal(y0.length, 1.0));
          float[] rFloat = new float[rValues.length];
          for (int i = 0; i < rValues.length; i++) {
            rFloat[i] = (float) rValues[i];
            rValues[i] = rFloat[i];
          }
          Map<String, float[]> analytic = eval.gradients(fed, r, rFloat, eval.outputShape);
          Map<String, TensorReport> reports = new LinkedHashMap<>();
          for (Fed f : fed) {
            reports.put(f.path, checkTensor(eval, f, analytic.get(f.path), rValues));
          }
          return new Report(reports);
        }
      }
    }

    private TensorReport checkTensor(Evaluator eval, Fed f, float[] grad, double[] r) {
      int n = f.values.length;
      double worst = 0;
      int count = 0;
      double largestFd = 0;
      for (int k = 0; k < b.directions; k++) {
        double[] d = toDouble(normal(n, 1.0));
        Comparison c = compare(eval, f, grad, d, r);
        worst = Math.max(worst, c.assertWithin("direction " + k, f.path));
        largestFd = Math.max(largestFd, Math.abs(c.fd));
        count++;
      }
      for (int k = 0; k < b.elements && k < n; k++) {
        int i = random.nextInt(n);
        double[] d = new double[n];
        d[i] = 1;
        Comparison c = compare(eval, f, grad, d, r);
        worst = Math.max(worst, c.assertWithin("element " + i, f.path));
        largestFd = Math.max(largestFd, Math.abs(c.fd));
        count++;
      }
      // A vacuous pass (the loss does not move at all with this tensor) is a failure too.
      if (b.directions > 0 && largestFd <= b.floor) {
        throw new AssertionError(
            "'" + f.path + "': the loss does not depend on this tensor (largest |fd| " + largestFd
                + " <= floor " + b.floor + "): is it used?");
      }
      return new TensorReport(f.path, grad, count, worst);
    }

    private record Comparison(double fd, double analytic, double allowed) {
      double assertWithin(String what, String path) {
        double err = Math.abs(fd - analytic);
        if (!(err <= allowed)) {
          throw new AssertionError(String.format(
              "gradient of '%s' along %s: finite difference %.7g, analytic %.7g, |diff| %.3g > allowed %.3g",
              path, what, fd, analytic, err, allowed));
        }
        return err / allowed;
      }
    }

    private Comparison compare(Evaluator eval, Fed f, float[] grad, double[] d, double[] r) {
      int n = f.values.length;
      float[] plus = new float[n];
      float[] minus = new float[n];
      double analytic = 0;
      for (int i = 0; i < n; i++) {
        plus[i] = (float) (f.values[i] + b.eps * d[i]);
        minus[i] = (float) (f.values[i] - b.eps * d[i]);
        // The float32 rounding of x +- eps*d is part of the step actually taken: use the realised
        // step, so the comparison does not see the rounding of the perturbation itself.
        analytic += grad[i] * (((double) plus[i] - minus[i]) / (2 * b.eps));
      }
      double lp = dot(eval.output(f, plus), r);
      double lm = dot(eval.output(f, minus), r);
      double fd = (lp - lm) / (2 * b.eps);
      return new Comparison(fd, analytic, b.rtol * Math.max(Math.abs(analytic), b.floor));
    }

    private float[] normal(long n, double scale) {
      float[] v = new float[Math.toIntExact(n)];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (random.nextGaussian() * scale);
      }
      return v;
    }
  }

  /** Runs the graph with every tensor fed at its base value except one substituted tensor. */
  private static final class Evaluator {
    private final Session session;
    private final Operand<TFloat32> y;
    private final Fed input;
    private final List<Fed> params;
    long[] outputShape;

    Evaluator(Session session, Operand<TFloat32> y, Fed input, List<Fed> params) {
      this.session = session;
      this.y = y;
      this.input = input;
      this.params = params;
    }

    float[] output(Fed substituted, float[] values) {
      List<TFloat32> feeds = new ArrayList<>();
      try {
        Session.Runner runner = session.runner();
        feedAll(runner, feeds, substituted, values);
        runner.fetch(y);
        try (Result res = runner.run()) {
          TFloat32 out = (TFloat32) res.get(0);
          outputShape = out.shape().asArray();
          return read(out);
        }
      } finally {
        feeds.forEach(TFloat32::close);
      }
    }

    Map<String, float[]> gradients(List<Fed> fed, Placeholder<TFloat32> r, float[] rValues, long[] rShape) {
      List<TFloat32> feeds = new ArrayList<>();
      try {
        Session.Runner runner = session.runner();
        feedAll(runner, feeds, null, null);
        TFloat32 rt = tensor(rValues, rShape);
        feeds.add(rt);
        runner.feed(r, rt);
        fed.forEach(f -> runner.fetch(f.gradient));
        Map<String, float[]> out = new LinkedHashMap<>();
        try (Result res = runner.run()) {
          for (int i = 0; i < fed.size(); i++) {
            out.put(fed.get(i).path, read((TFloat32) res.get(i)));
          }
        }
        return out;
      } finally {
        feeds.forEach(TFloat32::close);
      }
    }

    private void feedAll(Session.Runner runner, List<TFloat32> feeds, Fed substituted, float[] values) {
      List<Fed> all = new ArrayList<>();
      if (input != null) {
        all.add(input);
      }
      all.addAll(params);
      for (Fed f : all) {
        TFloat32 t = tensor(f == substituted ? values : f.values, f.shape);
        feeds.add(t);
        runner.feed(f.placeholder, t);
      }
    }
  }

  /** Fails with the parameter's path when the output does not depend on it at all. */
  private static void requireEveryParamRead(Operand<TFloat32> y, List<Fed> params) {
    Set<String> reached = new HashSet<>();
    Deque<GraphOperation> todo = new ArrayDeque<>();
    todo.push((GraphOperation) y.op());
    while (!todo.isEmpty()) {
      GraphOperation op = todo.pop();
      if (!reached.add(op.name())) {
        continue;
      }
      for (Operand<?> in : op.inputs()) {
        todo.push((GraphOperation) in.op());
      }
      todo.addAll(op.controlInputs());
    }
    List<String> unread = new ArrayList<>();
    for (Fed f : params) {
      if (!reached.contains(f.placeholder.op().name())) {
        unread.add(f.path);
      }
    }
    if (!unread.isEmpty()) {
      throw new AssertionError("the forward pass never reads parameter(s) " + unread);
    }
  }

  /** TF Java returns an Output without a native operation for a NoGradient result. */
  private static boolean isNoGradient(Output<?> dy) {
    TF_Operation handle = ((GraphOperation) dy.op()).getUnsafeNativeHandle();
    return handle == null || handle.isNull();
  }

  private static Placeholder<TFloat32> placeholder(Ops tf, String name, long[] shape) {
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
  }

  static TFloat32 tensor(float[] values, long[] shape) {
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  public static float[] read(TFloat32 t) {
    float[] out = new float[Math.toIntExact(t.shape().size())];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  private static double dot(float[] y, double[] r) {
    if (y.length != r.length) {
      throw new AssertionError("output size changed between runs: " + y.length + " vs " + r.length);
    }
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += y[i] * r[i];
    }
    return s;
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private static long size(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }
}
