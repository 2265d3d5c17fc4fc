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
  /**
   * GELU's tanh approximation, {@code x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}: T5 v1.1's
   * gated-GELU ({@code gelu_new} in HF transformers, mesh TensorFlow's {@code gelu}).
   */
  GELU_TANH {
    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
      Operand<TFloat32> cube = tf.math.mul(tf.math.mul(x, x), x);
      Operand<TFloat32> inner = tf.math.mul(tf.constant((float) Math.sqrt(2 / Math.PI)),
          tf.math.add(x, tf.math.mul(tf.constant(0.044715f), cube)));
      return tf.math.mul(tf.math.mul(tf.constant(0.5f), x), tf.math.add(tf.constant(1f), tf.math.tanh(inner)));
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
