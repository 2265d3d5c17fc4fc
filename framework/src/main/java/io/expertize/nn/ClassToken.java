package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.graph.Param;
import io.expertize.graph.ParamKind;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A learned token prepended to the sequence ({@code cls_token}, DeiT's {@code dist_token}). Its one
 * parameter takes the path of the field that holds it, as in timm.
 */
public class ClassToken extends Module {
  private final long dim;
  private final Param token;

  public ClassToken(long dim) {
    this.dim = dim;
    this.token = param("", ParamKind.EMBEDDING, 1, 1, dim);
  }

  /** x: {@code [B, T, D]} -> {@code [B, T + 1, D]}. */
  public Operand<TFloat32> prepend(ForwardContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    Operand<TInt32> multiples =
        tf.concat(List.of(Shapes.dim(tf, x, 0), Shapes.of(tf, 1, 1)), tf.constant(0));
    Operand<TFloat32> tokens = tf.tile(ctx.read(token), multiples);
    return tf.concat(List.of(tokens, x), tf.constant(1));
  }

  public long dim() {
    return dim;
  }
}
