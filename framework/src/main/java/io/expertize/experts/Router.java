package io.expertize.experts;

import io.expertize.graph.Initializer;
import io.expertize.graph.ModelVariable;
import io.expertize.graph.ParamKind;
import io.expertize.graph.VariableStore;
import io.expertize.nn.Linear;
import io.expertize.nn.Shapes;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A linear router {@code in -> N} with bias over tokens, declared as {@code <name>.weight / .bias}. */
final class Router {
  private final ModelVariable weight;
  private final ModelVariable bias;
  private final long in;

  Router(VariableStore store, String name, long in, int experts) {
    this.in = in;
    this.weight = store.addTrainable(name + ".weight", Shape.of(experts, in), ParamKind.WEIGHT.defaultInitializer(), ParamKind.WEIGHT);
    this.bias = store.addTrainable(name + ".bias", Shape.of(experts), Initializer.zeros(), ParamKind.BIAS);
  }

  /** Routing probabilities of every token: {@code [T, N]}, softmax of {@link #logits}. */
  Routing route(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> logits = Linear.apply(tf, tf.reshape(x, Shapes.of(tf, -1, in)), weight.read(), bias.read());
    return new Routing(tf.nn.softmax(logits), tf.nn.logSoftmax(logits));
  }

  /** Token-wise router output; {@code logProbs} keeps the entropy finite where a probability underflows. */
  record Routing(Operand<TFloat32> probs, Operand<TFloat32> logProbs) {
    /** Mean over tokens of each token's routing entropy, in nats. */
    Operand<TFloat32> meanEntropy(Ops tf) {
      Operand<TFloat32> perToken = tf.math.neg(tf.reduceSum(tf.math.mul(probs, logProbs), tf.constant(1)));
      return tf.math.mean(perToken, tf.constant(0));
    }

    /** Mean over tokens of the probabilities: {@code [N]}, summing to 1. */
    Operand<TFloat32> meanProbs(Ops tf) {
      return tf.math.mean(probs, tf.constant(0));
    }
  }
}
