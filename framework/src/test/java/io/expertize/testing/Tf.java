package io.expertize.testing;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.graph.Param;
import io.expertize.graph.ParamSource;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Small helpers for forward tests: build a graph, run it once, get the values back as arrays. */
public final class Tf {
  private Tf() {}

  /** A fetched float tensor. */
  public record Values(long[] shape, float[] data) {}

  public static Values eval(Function<Ops, Operand<TFloat32>> build) {
    return evalAll(tf -> List.of(build.apply(tf))).get(0);
  }

  public static List<Values> evalAll(Function<Ops, List<Operand<TFloat32>>> build) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      List<Operand<TFloat32>> outs = build.apply(Ops.create(g));
      Session.Runner runner = s.runner();
      outs.forEach(runner::fetch);
      List<Values> values = new ArrayList<>();
      try (Result r = runner.run()) {
        for (int i = 0; i < outs.size(); i++) {
          TFloat32 t = (TFloat32) r.get(i);
          values.add(new Values(t.shape().asArray(), GradientChecker.read(t)));
        }
      }
      return values;
    }
  }

  public static Operand<TFloat32> constant(Ops tf, float[] values, long... shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  public static float[] normal(Random random, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextGaussian() * scale);
    }
    return v;
  }

  /** Seeded values for every parameter of a model, served to a forward pass as constants. */
  public static final class ParamValues {
    private final Map<Param, float[]> values = new IdentityHashMap<>();

    public static ParamValues random(Module model, long seed, double scale) {
      ParamValues pv = new ParamValues();
      Random random = new Random(seed);
      for (NamedParam np : ModuleTree.of(model).params()) {
        pv.values.put(np.param(), normal(random, Math.toIntExact(np.param().size()), scale));
      }
      return pv;
    }

    public float[] get(Param p) {
      float[] v = values.get(p);
      if (v == null) {
        throw new IllegalArgumentException("no value for " + p);
      }
      return v;
    }

    public ParamSource source(Ops tf) {
      return p -> constant(tf, get(p), p.dims());
    }

    public ForwardContext inference(Ops tf) {
      return ForwardContext.inference(tf, source(tf));
    }
  }

  /** Max |a - b| over all elements, failing on a size mismatch. */
  public static double maxAbsDiff(float[] actual, double[] expected) {
    if (actual.length != expected.length) {
      throw new AssertionError("size " + actual.length + " != expected " + expected.length);
    }
    double m = 0;
    for (int i = 0; i < actual.length; i++) {
      m = Math.max(m, Math.abs(actual[i] - expected[i]));
    }
    return m;
  }
}
