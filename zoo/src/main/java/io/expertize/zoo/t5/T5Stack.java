package io.expertize.zoo.t5;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.nn.Dropout;
import io.expertize.nn.Embedding;
import io.expertize.nn.RelativePositionBias;
import io.expertize.nn.RelativePositionBuckets;
import io.expertize.nn.RmsNorm;
import io.expertize.nn.Shapes;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The encoder or the decoder (HF's {@code T5Stack}): shared embedding, blocks, final RMSNorm. The
 * relative position bias is computed once from block 0's table, bidirectional in the encoder and
 * causal in the decoder, and added in every block's self-attention.
 */
public class T5Stack extends Module {
  /** The model's shared embedding: the walk names it {@code shared}, where the model declares it first. */
  private final Embedding embedTokens;
  private final List<T5Block> block = new ArrayList<>();
  private final RmsNorm finalLayerNorm;
  private final Dropout dropout;
  /** Block 0's table (named there); held here to compute the bias once per pass. */
  private final RelativePositionBias positionBias;
  private final boolean decoder;

  T5Stack(T5Config c, Embedding embedTokens, boolean decoder) {
    this.embedTokens = embedTokens;
    this.decoder = decoder;
    this.positionBias = new RelativePositionBias(c.heads(), RelativePositionBuckets.builder()
        .count(c.relativeBuckets()).maxDistance(c.relativeMaxDistance()).bidirectional(!decoder).build(),
        T5Init.fanIn(c.dModel()));
    int layers = decoder ? c.decoderLayers() : c.encoderLayers();
    for (int i = 0; i < layers; i++) {
      block.add(new T5Block(c, decoder, i == 0 ? positionBias : null));
    }
    this.finalLayerNorm = new RmsNorm(c.dModel(), c.layerNormEps());
    this.dropout = new Dropout(c.dropout());
  }

  /**
   * @param ids {@code [B, T]} with T known when the graph is built
   * @param mask {@code [B, T]}, 1 for tokens and 0 for padding, or null (no padding)
   * @param encoderStates the encoder's output {@code [B, Te, D]} (decoder only, else null)
   * @param encoderMask {@code [B, Te]} padding of the encoder's input, or null
   * @return hidden states {@code [B, T, D]} after the final norm
   */
  Operand<TFloat32> forward(ForwardContext ctx, Operand<TInt32> ids, Operand<TFloat32> mask,
      Operand<TFloat32> encoderStates, Operand<TFloat32> encoderMask) {
    Ops tf = ctx.tf();
    long tokens = ids.shape().get(1);
    if (tokens <= 0) {
      throw new IllegalArgumentException("T5 needs the sequence length when the graph is built, got ids of shape " + ids.shape());
    }
    if (decoder != (encoderStates != null)) {
      throw new IllegalArgumentException(decoder ? "the decoder needs the encoder's output" : "the encoder takes no encoder output");
    }
    int t = Math.toIntExact(tokens);
    Operand<TFloat32> selfBias = positionBias.forward(ctx, t, t);
    if (decoder) {
      selfBias = tf.math.add(selfBias, AttentionMasks.causal(tf, t));
    }
    if (mask != null) {
      selfBias = tf.math.add(selfBias, AttentionMasks.padding(tf, mask));
    }
    LayerInputs in = new LayerInputs(selfBias, encoderStates, encoderMask == null ? null : AttentionMasks.padding(tf, encoderMask));
    Operand<TFloat32> hidden = dropout.forward(ctx, embedTokens.forward(ctx, ids));
    for (T5Block b : block) {
      hidden = b.forward(ctx, hidden, in);
    }
    return dropout.forward(ctx, finalLayerNorm.forward(ctx, hidden));
  }

  /** Each block's cache before the first decoding step (decoder only). */
  List<BlockCache> startDecoding(ForwardContext ctx, Operand<TFloat32> encoderStates, KeyValues emptySelf) {
    requireDecoder();
    return block.stream().map(b -> b.startDecoding(ctx, encoderStates, emptySelf)).toList();
  }

  /**
   * The decoder on one token per row at {@code position} of a sequence of {@code length}, reading
   * and extending the blocks' caches instead of rerunning the earlier positions: what
   * {@link #forward} computes at that position, given the same earlier tokens.
   *
   * @param ids {@code [B, 1]}
   * @param position a scalar in {@code [0, length)}
   * @param crossBias padding bias of the encoder's input {@code [B, 1, 1, Te]}, or null
   * @return hidden states {@code [B, 1, D]} after the final norm
   */
  Operand<TFloat32> step(ForwardContext ctx, Operand<TInt32> ids, Operand<TInt32> position, int length,
      Operand<TFloat32> crossBias, List<BlockCache> caches) {
    requireDecoder();
    Ops tf = ctx.tf();
    Operand<TFloat32> causal = tf.gather(AttentionMasks.causal(tf, length), tf.reshape(position, Shapes.of(tf, 1)),
        tf.constant(2)); // [1, 1, 1, L]
    Operand<TFloat32> selfBias = tf.math.add(positionBias.row(ctx, position, length), causal);
    Operand<TFloat32> written = tf.reshape(tf.oneHot(position, tf.constant(length), tf.constant(1f), tf.constant(0f)),
        Shapes.of(tf, 1, 1, length, 1));
    StepInputs in = new StepInputs(written, selfBias, crossBias);
    Operand<TFloat32> hidden = dropout.forward(ctx, embedTokens.forward(ctx, ids));
    for (int b = 0; b < block.size(); b++) {
      hidden = block.get(b).step(ctx, hidden, in, caches.get(b));
    }
    return dropout.forward(ctx, finalLayerNorm.forward(ctx, hidden));
  }

  private void requireDecoder() {
    if (!decoder) {
      throw new IllegalStateException("incremental decoding runs the decoder, not the encoder");
    }
  }
}
