package io.expertize.zoo.t5;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What a decoder's layers share at one step of incremental decoding (one new token per row, at the
 * same position in every row).
 *
 * @param written {@code [1, 1, L, 1]}: 1 at the step's position, 0 elsewhere, where the new keys and values go
 * @param selfBias {@code [1, H, 1, L]}: the position's row of the relative position bias, later positions blocked
 * @param crossBias {@code [B, 1, 1, Te]}: padding of the encoder's input, or null
 */
record StepInputs(Operand<TFloat32> written, Operand<TFloat32> selfBias, Operand<TFloat32> crossBias) {}
