package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.ParamSource;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * An encoder-decoder over token ids (T5): next-token logits under teacher forcing for training, and
 * greedy decoding inside the graph for serving. Id 0 pads (and starts the decoder), id 1 ends a
 * sequence, as in T5's vocabularies. The zoo's T5 extends it.
 */
public abstract class Seq2SeqModel extends Module {
  public static final int PAD_ID = 0;
  public static final int EOS_ID = 1;

  public abstract int vocabSize();

  /**
   * Next-token logits {@code [B, Td, vocab]} at every position of {@code decoder} (usually
   * {@link #decoderInputs}, unpadded: causal masking hides later padding), reading {@code encoder}.
   */
  public abstract Operand<TFloat32> logits(ForwardContext ctx, Tokens encoder, Tokens decoder);

  /** Teacher forcing: what the decoder reads to predict {@code targets} {@code [B, T]}. */
  public abstract Operand<TInt32> decoderInputs(Ops tf, Operand<TInt32> targets);

  /**
   * Greedy decoding of {@code maxLength} ids {@code [B, maxLength]} (eos, then padding) from the dense
   * parameters {@code params}, inside the graph.
   */
  public abstract Operand<TInt32> greedyDecode(Ops tf, ParamSource params, Tokens encoder, int maxLength);
}
