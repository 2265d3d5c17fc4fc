package io.expertize.experts;

import io.expertize.graph.ModelVariable;
import io.expertize.nn.Linear;
import io.expertize.nn.LinearKernel;
import io.expertize.nn.Shapes;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One projection of an expert set: the N experts' weights {@code [N, out, in]} and biases
 * {@code [N, out]} each in ONE stacked variable, so fusing is one contraction over N and the optimizer
 * updates one variable per projection, not one per expert: per-op overhead dominates small models, and
 * one variable per expert made a 4-expert sw step up to 1.2x dense where the fusion's arithmetic is under 1%.
 */
record StackedProjection(Linear layer, String weightPath, ModelVariable weight, String biasPath, ModelVariable bias) {

  int experts() {
    return (int) weight.variable().shape().size(0);
  }

  /** The weight and bias mixed with {@code w} ({@code [N]}): {@code Σ_i w_i E_i}, in the dense shapes. */
  Fused mix(Ops tf, Operand<TFloat32> w) {
    return new Fused(mix(tf, weight, w), bias == null ? null : mix(tf, bias, w));
  }

  /** A kernel applying the mixture {@code w} as one dense layer. */
  LinearKernel fusedKernel(Operand<TFloat32> w) {
    return (ctx, x) -> {
      Fused f = mix(ctx.tf(), w);
      return Linear.apply(ctx.tf(), x, f.weight(), f.bias());
    };
  }

  /**
   * A kernel applying expert i to slice i of the leading axis of {@code x} ({@code [N, P, in]}).
   * Written as an Einsum, not a BatchMatMulV3: oneDNN runs Einsum and its gradients (Einsums too)
   * as {@code _MklEinsum}, while BatchMatMulV3 and its gradients stay on Eigen, about 15% slower
   * than the dense GEMM they replace (docs/benchmarks.md, bench experts).
   */
  LinearKernel stackedKernel() {
    return (ctx, x) -> {
      Ops tf = ctx.tf();
      Operand<TFloat32> y = tf.linalg.einsum(List.of(x, weight.read()), "npi,noi->npo");
      if (bias == null) {
        return y;
      }
      return tf.math.add(y, tf.reshape(bias.read(), Shapes.of(tf, experts(), 1, layer.out())));
    };
  }

  /** Fused weight and (nullable) bias of a projection. */
  record Fused(Operand<TFloat32> weight, Operand<TFloat32> bias) {}

  private static Operand<TFloat32> mix(Ops tf, ModelVariable stacked, Operand<TFloat32> w) {
    return mix(tf, stacked.read(), stacked.variable().shape().asArray(), w);
  }

  /** {@code Σ_i w_i stacked_i} of a stacked value of shape {@code dims}: the ops the fused forward runs. */
  static Operand<TFloat32> mix(Ops tf, Operand<TFloat32> stacked, long[] dims, Operand<TFloat32> w) {
    long[] dense = Arrays.copyOfRange(dims, 1, dims.length);
    long rest = Arrays.stream(dense).reduce(1, (a, b) -> a * b);
    Operand<TFloat32> flat = tf.reshape(stacked, Shapes.of(tf, dims[0], rest));
    Operand<TFloat32> mixed = tf.linalg.matMul(tf.reshape(w, Shapes.of(tf, 1, dims[0])), flat);
    return tf.reshape(mixed, Shapes.of(tf, dense));
  }
}
