package io.expertize.train;

import io.expertize.graph.ModelVariable;
import io.expertize.graph.VariableStore;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * AdamW (Loshchilov & Hutter) over an explicit variable list, with torch's semantics: decoupled
 * decay {@code w -= lr * wd * w} first, then the bias-corrected Adam step
 * {@code w -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)}.
 *
 * <p>Built on TF's fused ApplyAdam kernel (one op per variable; per-op overhead dominates small
 * models). ApplyAdam computes {@code lr*sqrt(bc2)/bc1 * m / (sqrt(v) + eps')}; passing
 * {@code eps' = eps*sqrt(bc2)} makes it exactly torch's update. Decay applies only to variables
 * whose parameter kind decays (weights, not biases, norms, tokens, position embeddings).
 */
public final class AdamW implements Optimizer {
  private final float beta1;
  private final float beta2;
  private final float eps;
  private final float weightDecay;

  public AdamW(double beta1, double beta2, double eps, double weightDecay) {
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.eps = (float) eps;
    this.weightDecay = (float) weightDecay;
  }

  /** Creates the {@code m} and {@code v} slots of every variable in the store. */
  @Override
  public List<Op> update(
      Ops tf, VariableStore store, List<ModelVariable> vars, List<Operand<TFloat32>> grads,
      Operand<TFloat32> lr, Operand<TFloat32> t) {
    Operand<TFloat32> b1 = tf.constant(beta1);
    Operand<TFloat32> b2 = tf.constant(beta2);
    Operand<TFloat32> b1Power = tf.math.pow(b1, t);
    Operand<TFloat32> b2Power = tf.math.pow(b2, t);
    Operand<TFloat32> epsHat =
        tf.math.mul(tf.constant(eps), tf.math.sqrt(tf.math.sub(tf.constant(1f), b2Power)));
    Operand<TFloat32> decayRate = tf.math.mul(lr, tf.constant(weightDecay));
    // Every update waits for every gradient: VariableV2 reads alias the buffer, so an in-place
    // update must not overlap a backward op that still reads the old value (determinism).
    List<org.tensorflow.Operation> gradOps = grads.stream().map(g -> (org.tensorflow.Operation) g.op()).toList();
    Ops afterGrads = tf.withControlDependencyOps(gradOps);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      ModelVariable v = vars.get(i);
      ModelVariable m = store.addSlot(v.name() + "/adam_m", v.variable().shape());
      ModelVariable s = store.addSlot(v.name() + "/adam_v", v.variable().shape());
      Ops scoped = afterGrads;
      if (weightDecay > 0 && v.kind() != null && v.kind().decayed()) {
        // torch order: w -= lr*wd*w, then the Adam step.
        Op decay = afterGrads.train.applyGradientDescent(v.variable(), decayRate, v.read());
        scoped = afterGrads.withControlDependencies(List.of(decay));
      }
      updates.add(
          scoped.train.applyAdam(
              v.variable(), m.variable(), s.variable(), b1Power, b2Power, lr, b1, b2, epsHat, grads.get(i)));
    }
    return updates;
  }
}
