package io.expertize.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Element-wise activations, passed to blocks as values instead of boolean flags. */
public enum Activation {
  /** Exact GELU, {@code x/2 (1 + erf(x/sqrt 2))}, as torch's default (not the tanh approximation). */
  GELU {
    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
      Operand<TFloat32> cdf =
          tf.math.add(tf.constant(0.5f),
              tf.math.mul(tf.constant(0.5f), tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))))));
      return tf.math.mul(x, cdf);
    }
  },
  RELU {
    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
      return tf.nn.relu(x);
    }
  },
  IDENTITY {
    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
      return x;
    }
  };

  public abstract Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x);
}
