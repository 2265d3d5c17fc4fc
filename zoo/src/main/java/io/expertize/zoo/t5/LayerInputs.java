package io.expertize.zoo.t5;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What the layers of one stack share: the self-attention bias (relative positions, computed once
 * per stack, plus padding and causal masks), and for the decoder the encoder's output and the
 * cross-attention's padding bias.
 */
record LayerInputs(Operand<TFloat32> selfBias, Operand<TFloat32> encoderStates, Operand<TFloat32> crossBias) {}
