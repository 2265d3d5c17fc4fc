package io.expertize.nn;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A batch of token ids {@code [B, T]} and, when it is padded, its mask {@code [B, T]} (1 = token,
 * 0 = padding): what one side of a {@link Seq2SeqModel} reads, so that the encoder's and the
 * decoder's masks cannot be passed in each other's place.
 *
 * <pre>{@code
 * model.logits(ctx, Tokens.padded(ids, ByteText.mask(tf, ids)), Tokens.unpadded(model.decoderInputs(tf, targets)));
 * }</pre>
 */
public final class Tokens {
  private final Operand<TInt32> ids;
  private final Operand<TFloat32> mask;

  private Tokens(Operand<TInt32> ids, Operand<TFloat32> mask) {
    this.ids = Objects.requireNonNull(ids, "ids");
    this.mask = mask;
  }

  /** Ids with their padding mask. */
  public static Tokens padded(Operand<TInt32> ids, Operand<TFloat32> mask) {
    return new Tokens(ids, Objects.requireNonNull(mask, "mask"));
  }

  /**
   * Ids without a mask: no padding, or padding that does not need one (a decoder's causal masking
   * already hides the padding after a sequence).
   */
  public static Tokens unpadded(Operand<TInt32> ids) {
    return new Tokens(ids, null);
  }

  public Operand<TInt32> ids() {
    return ids;
  }

  /** The padding mask, or null when {@link #unpadded}: the layers below read null as "no padding". */
  public Operand<TFloat32> maskOrNull() {
    return mask;
  }
}
