package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Initializer;
import io.expertize.graph.Module;
import io.expertize.graph.Param;
import io.expertize.graph.ParamKind;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** A token embedding table {@code [vocab, dim]} looked up with Gather (T5's {@code shared}). */
public class Embedding extends Module {
  private final Param weight;

  public Embedding(long vocab, long dim) {
    this.weight = param("weight", ParamKind.EMBEDDING, Initializer.truncatedNormal(1.0), vocab, dim);
  }

  public Param weight() {
    return weight;
  }

  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TInt32> ids) {
    return ctx.tf().gather(ctx.read(weight), ids, ctx.tf().constant(0));
  }
}
