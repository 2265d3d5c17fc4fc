package io.expertize.graph;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Resolves a declared parameter to the graph value a forward pass reads. Usually the Identity read
 * of a variable; a gradient check feeds placeholders instead, and an expert set substitutes the
 * fused weight of its experts: the layers do not know which.
 */
@FunctionalInterface
public interface ParamSource {
  Operand<TFloat32> read(Param param);
}
