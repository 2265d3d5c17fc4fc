package io.expertize.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.expertize.graph.Module;
import io.expertize.graph.ModelVariable;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.Param;
import io.expertize.graph.ParamKind;
import io.expertize.graph.VariableStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * AdamW over TF's fused ApplyAdam equals torch.optim.AdamW step by step (decoupled decay first,
 * bias-corrected moments, eps outside the square root), and decays weights but not biases.
 */
class AdamWTest {
  static final double B1 = 0.9, B2 = 0.999, EPS = 1e-8, WD = 0.1;

  static final class Model extends Module {
    final Param weight = param("weight", ParamKind.WEIGHT, 3);
    final Param bias = param("bias", ParamKind.BIAS, 3);
  }

  @Test
  void matchesTorchAdamWForSeveralStepsWithChangingRates() {
    float[] gw = {0.5f, -2f, 1e-3f};
    float[] gb = {1f, 0.25f, -0.75f};
    double[] lrs = {1e-2, 3e-2, 5e-3, 2e-2};
    Model model = new Model();
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      VariableStore store = new VariableStore(tf, 7);
      store.addParameters(ModuleTree.of(model));
      // loss = sum(w * gw) + sum(b * gb): constant gradients, so the reference is exact
      Operand<TFloat32> loss = tf.math.add(
          tf.reduceSum(tf.math.mul(store.read(model.weight), tf.constant(gw)), tf.constant(0)),
          tf.reduceSum(tf.math.mul(store.read(model.bias), tf.constant(gb)), tf.constant(0)));
      List<ModelVariable> vars = store.withRole(ModelVariable.Role.TRAINABLE);
      List<Operand<TFloat32>> grads = new ArrayList<>();
      for (Output<?> o : g.addGradients(loss.asOutput(), vars.stream().map(v -> v.read().asOutput()).toArray(Output[]::new))) {
        @SuppressWarnings("unchecked") Output<TFloat32> f = (Output<TFloat32>) o;
        grads.add(f);
      }
      Placeholder<TFloat32> lr = tf.placeholder(TFloat32.class);
      Placeholder<TInt64> step = tf.placeholder(TInt64.class);
      Operand<TFloat32> t = tf.dtypes.cast(tf.math.add(step, tf.constant(1L)), TFloat32.class);
      List<Op> updates = new AdamW(B1, B2, EPS, WD).update(tf, store, vars, grads, lr, t);
      Op train = tf.withControlDependencies(updates).noOp();
      s.initialize();

      double[] w = read(s, store.read(model.weight));
      double[] b = read(s, store.read(model.bias));
      double[][] mw = new double[2][3], mb = new double[2][3];
      for (int k = 0; k < lrs.length; k++) {
        try (TFloat32 lrT = TFloat32.scalarOf((float) lrs[k]); TInt64 stepT = TInt64.scalarOf(k)) {
          s.runner().feed(lr, lrT).feed(step, stepT).addTarget(train).run();
        }
        torchAdamW(w, gw, mw, lrs[k], k + 1, WD);
        torchAdamW(b, gb, mb, lrs[k], k + 1, 0.0); // biases are not decayed
        double[] tw = read(s, store.read(model.weight));
        double[] tb = read(s, store.read(model.bias));
        for (int i = 0; i < 3; i++) {
          assertThat(tw[i]).as("weight[%d] after step %d", i, k + 1).isCloseTo(w[i], within(2e-6));
          assertThat(tb[i]).as("bias[%d] after step %d", i, k + 1).isCloseTo(b[i], within(2e-6));
        }
      }
      assertThat(store.withRole(ModelVariable.Role.SLOT)).extracting(ModelVariable::name)
          .containsExactly("weight/adam_m", "weight/adam_v", "bias/adam_m", "bias/adam_v");
    }
  }

  /** torch.optim.AdamW, one step, in double. */
  static void torchAdamW(double[] p, float[] g, double[][] state, double lr, int t, double wd) {
    for (int i = 0; i < p.length; i++) {
      p[i] -= lr * wd * p[i];
      state[0][i] = B1 * state[0][i] + (1 - B1) * g[i];
      state[1][i] = B2 * state[1][i] + (1 - B2) * g[i] * g[i];
      double mHat = state[0][i] / (1 - Math.pow(B1, t));
      double vHat = state[1][i] / (1 - Math.pow(B2, t));
      p[i] -= lr * mHat / (Math.sqrt(vHat) + EPS);
    }
  }

  static double[] read(Session s, Operand<TFloat32> x) {
    try (Result r = s.runner().fetch(x).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      double[] out = new double[(int) t.shape().size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = t.getFloat(i);
      }
      return out;
    }
  }
}
