package io.expertize.zoo.t5;

import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.ParamSource;
import io.expertize.nn.Embedding;
import io.expertize.nn.Linear;
import io.expertize.nn.Seq2SeqModel;
import io.expertize.nn.Shapes;
import io.expertize.nn.Tokens;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * T5 (Raffel et al. 2020) laid out like HF's {@code T5ForConditionalGeneration}: a shared input
 * embedding, an encoder and a decoder stack, and either the tied output (the embedding, hidden
 * states scaled by {@code d_model^-0.5}; T5 1.0) or an own {@code lm_head} (v1.1, ByT5). Parameter
 * names and counts match HF's.
 *
 * <p>Every FFN of both stacks is expertized with the papers' defaults (all layers, 4 experts,
 * memory bank); {@code fusion.scheme=dense} trains it as written. Pad (0) starts the decoder.
 */
@FusionScheme(Scheme.MEMORY_BANK)
public class T5Model extends Seq2SeqModel {
  private final T5Config config;
  private final Embedding shared;
  private final T5Stack encoder;
  private final T5Stack decoder;
  private final Linear lmHead;

  public T5Model(T5Config c) {
    this.config = c;
    this.shared = new Embedding(c.vocab(), c.dModel());
    this.encoder = new T5Stack(c, shared, false);
    this.decoder = new T5Stack(c, shared, true);
    this.lmHead = c.tiedOutput() ? null : new Linear(c.dModel(), c.vocab(), false, T5Init.fanIn(c.dModel()));
  }

  public T5Config config() {
    return config;
  }

  /** The encoder's output {@code [B, Te, D]}. */
  public Operand<TFloat32> encode(ForwardContext ctx, Tokens encoderInputs) {
    return encoder.forward(ctx, encoderInputs.ids(), encoderInputs.maskOrNull(), null, null);
  }

  /**
   * Logits {@code [B, Td, vocab]} of the next token at every decoder position.
   *
   * @param decoderInputs {@code [B, Td]}, the targets shifted right ({@link DecoderInputs}), usually
   *     unpadded: causal masking alone already hides later padding
   * @param encoderStates {@link #encode}'s output for {@code encoder}
   */
  public Operand<TFloat32> decode(ForwardContext ctx, Tokens decoderInputs, Operand<TFloat32> encoderStates,
      Tokens encoder) {
    return output(ctx, decoder.forward(ctx, decoderInputs.ids(), decoderInputs.maskOrNull(), encoderStates,
        encoder.maskOrNull()));
  }

  /**
   * Incremental decoding's state before the first step: per decoder block an empty self-attention
   * cache of {@code length} positions, and the cross-attention's keys and values of {@code encoderStates}.
   */
  List<BlockCache> startDecoding(ForwardContext ctx, Operand<TFloat32> encoderStates, int length) {
    Ops tf = ctx.tf();
    Operand<TInt32> batch = tf.slice(tf.shape(encoderStates), Shapes.of(tf, 0), Shapes.of(tf, 1));
    Operand<TFloat32> empty = tf.reshape(
        tf.fill(tf.concat(List.of(batch, Shapes.of(tf, config.heads(), length, config.dKv())), tf.constant(0)), tf.constant(0f)),
        Shapes.of(tf, -1, config.heads(), length, config.dKv()));
    return decoder.startDecoding(ctx, encoderStates, new KeyValues(empty, empty));
  }

  /**
   * Logits {@code [B, 1, vocab]} after the tokens {@code ids} ({@code [B, 1]}) at {@code position}
   * of a decoding of {@code length}, the earlier positions read from {@code caches} (which this
   * step extends): {@link #decode}'s logits at that position, without recomputing the others.
   */
  Operand<TFloat32> decodeStep(ForwardContext ctx, Operand<TInt32> ids, Operand<TInt32> position, int length,
      Operand<TFloat32> encoderMask, List<BlockCache> caches) {
    Operand<TFloat32> crossBias = encoderMask == null ? null : AttentionMasks.padding(ctx.tf(), encoderMask);
    return output(ctx, decoder.step(ctx, ids, position, length, crossBias, caches));
  }

  /** The decoder's hidden states to logits: the own lm_head, or the tied embedding after scaling by {@code d_model^-0.5}. */
  private Operand<TFloat32> output(ForwardContext ctx, Operand<TFloat32> hidden) {
    if (lmHead != null) {
      return lmHead.forward(ctx, hidden);
    }
    Ops tf = ctx.tf();
    Operand<TFloat32> scaled = tf.math.mul(hidden, tf.constant((float) (1 / Math.sqrt(config.dModel()))));
    return Linear.apply(tf, scaled, ctx.read(shared.weight()), null);
  }

  /** Encoder then decoder: logits {@code [B, Td, vocab]}. */
  @Override
  public Operand<TFloat32> logits(ForwardContext ctx, Tokens encoder, Tokens decoder) {
    return decode(ctx, decoder, encode(ctx, encoder), encoder);
  }

  @Override
  public int vocabSize() {
    return config.vocab();
  }

  @Override
  public Operand<TInt32> decoderInputs(Ops tf, Operand<TInt32> targets) {
    return DecoderInputs.shiftRight(tf, targets);
  }

  @Override
  public Operand<TInt32> greedyDecode(Ops tf, ParamSource params, Tokens encoder, int maxLength) {
    return GreedyDecoder.decode(tf, this, params, encoder, maxLength);
  }
}
