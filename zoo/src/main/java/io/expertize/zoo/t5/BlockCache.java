package io.expertize.zoo.t5;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The keys and values a decoder block keeps between decoding steps: its self-attention's over the
 * tokens written so far (a {@code [B, H, L, d_kv]} buffer, filled position by position) and its
 * cross-attention's over the encoder's output (computed once). The self-attention layer replaces
 * {@link #self} with the buffer holding the step's token while the step's graph is built.
 */
final class BlockCache {
  /** Operands per block in a flat list of loop variables. */
  static final int OPERANDS = 4;

  private KeyValues self;
  private final KeyValues cross;

  BlockCache(KeyValues self, KeyValues cross) {
    this.self = self;
    this.cross = cross;
  }

  /** The block's cache from {@link #OPERANDS} operands of a flat list, in {@link #operands} order. */
  @SuppressWarnings("unchecked")
  static BlockCache of(List<? extends Operand<?>> operands) {
    return new BlockCache(new KeyValues((Operand<TFloat32>) operands.get(0), (Operand<TFloat32>) operands.get(1)),
        new KeyValues((Operand<TFloat32>) operands.get(2), (Operand<TFloat32>) operands.get(3)));
  }

  List<Operand<TFloat32>> operands() {
    return List.of(self.keys(), self.values(), cross.keys(), cross.values());
  }

  KeyValues self() {
    return self;
  }

  void updateSelf(KeyValues written) {
    this.self = written;
  }

  KeyValues cross() {
    return cross;
  }
}
