package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.Param;
import io.expertize.graph.ParamKind;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A learned absolute position embedding {@code [1, tokens, dim]} added to the sequence ({@code pos_embed}).
 * Not weight-decayed ({@link ParamKind#EMBEDDING}, ViT's and DeiT's rule), unless built with
 * {@link #decayed} for a model whose reference decays it.
 */
public class PositionEmbedding extends Module {
  private final long tokens;
  private final Param embedding;

  public PositionEmbedding(long tokens, long dim) {
    this(tokens, dim, ParamKind.EMBEDDING);
  }

  private PositionEmbedding(long tokens, long dim, ParamKind kind) {
    this.tokens = tokens;
    this.embedding = param("", kind, 1, tokens, dim);
  }

  /** A position embedding that AdamW decays ({@link ParamKind#DECAYED_EMBEDDING}; PVT v1's). */
  public static PositionEmbedding decayed(long tokens, long dim) {
    return new PositionEmbedding(tokens, dim, ParamKind.DECAYED_EMBEDDING);
  }

  public Operand<TFloat32> add(ForwardContext ctx, Operand<TFloat32> x) {
    if (x.shape().get(1) != tokens) {
      throw new IllegalArgumentException(
          "position embedding has " + tokens + " positions, input has shape " + x.shape());
    }
    return ctx.tf().math.add(x, ctx.read(embedding));
  }
}
