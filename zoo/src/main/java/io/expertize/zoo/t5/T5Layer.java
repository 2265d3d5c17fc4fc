package io.expertize.zoo.t5;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** One residual sub-layer of a T5 block: {@code h + dropout(f(rms_norm(h)))}. */
abstract class T5Layer extends Module {
  abstract Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> hidden, LayerInputs in);

  /** The layer on one new token {@code [B, 1, D]} of incremental decoding, with its block's cache. */
  abstract Operand<TFloat32> step(ForwardContext ctx, Operand<TFloat32> hidden, StepInputs in, BlockCache cache);
}
