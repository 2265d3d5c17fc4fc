package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.Param;
import io.expertize.graph.ParamKind;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A learned absolute position embedding {@code [1, tokens, dim]} added to the sequence ({@code pos_embed}). */
public class PositionEmbedding extends Module {
  private final long tokens;
  private final Param embedding;

  public PositionEmbedding(long tokens, long dim) {
    this.tokens = tokens;
    this.embedding = param("", ParamKind.EMBEDDING, 1, tokens, dim);
  }

  public Operand<TFloat32> add(ForwardContext ctx, Operand<TFloat32> x) {
    if (x.shape().get(1) != tokens) {
      throw new IllegalArgumentException(
          "position embedding has " + tokens + " positions, input has shape " + x.shape());
    }
    return ctx.tf().math.add(x, ctx.read(embedding));
  }
}
