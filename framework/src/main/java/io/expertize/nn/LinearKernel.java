package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * How one {@link Linear} maps its input when an expert set stands in for its weights: fused weights,
 * or one expert per slice of a leading expert axis. Installed as a {@link ForwardContext} override.
 */
@FunctionalInterface
public interface LinearKernel {
  /** {@code x} has the layer's input size as its last dimension; the result has its output size. */
  Operand<TFloat32> apply(ForwardContext ctx, Operand<TFloat32> x);
}
