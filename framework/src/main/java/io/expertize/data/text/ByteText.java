package io.expertize.data.text;

import io.expertize.nn.Shapes;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * Strings to byte ids and back inside the graph (ByT5's vocabulary, {@link ByteVocabulary}), so a
 * SavedModel takes and returns text.
 */
public final class ByteText {
  private ByteText() {}

  /**
   * {@code [B]} strings to ids {@code [B, length]}: UTF-8 bytes + 3, cut to {@code length - 1} bytes,
   * then eos, then padding.
   */
  public static Operand<TInt32> toIds(Ops tf, Operand<TString> text, int length) {
    Operand<TString> cut = tf.strings.substr(text, tf.constant(0), tf.constant(length - 1));
    Operand<TInt32> bytes = tf.dtypes.cast(tf.io.decodePaddedRaw(cut, tf.constant(length - 1), TUint8.class), TInt32.class);
    Operand<TInt32> positions = tf.range(tf.constant(0), tf.constant(length), tf.constant(1));
    Operand<TInt32> textLength = tf.expandDims(tf.strings.stringLength(cut), tf.constant(1));
    Operand<TInt32> padded = tf.pad(tf.math.add(bytes, tf.constant(ByteVocabulary.OFFSET)),
        tf.constant(new int[][] {{0, 0}, {0, 1}}), tf.constant(0));
    Operand<TInt32> inText = tf.dtypes.cast(tf.math.less(positions, textLength), TInt32.class);
    Operand<TInt32> eos = tf.dtypes.cast(tf.math.equal(positions, textLength), TInt32.class);
    return tf.math.add(tf.math.mul(padded, inText), tf.math.mul(eos, tf.constant(ByteVocabulary.EOS)));
  }

  /** The 1 / 0 mask of the ids that are not padding (encoder attention mask). */
  public static Operand<TFloat32> mask(Ops tf, Operand<TInt32> ids) {
    return tf.dtypes.cast(tf.math.notEqual(ids, tf.constant(ByteVocabulary.PAD)), TFloat32.class);
  }

  /** Ids {@code [B, L]} to {@code [B]} strings: the bytes before the first eos; specials and sentinels dropped. */
  public static Operand<TString> toText(Ops tf, Operand<TInt32> ids) {
    Operand<TBool> afterEos = tf.math.greater(
        tf.math.cumsum(tf.dtypes.cast(tf.math.equal(ids, tf.constant(ByteVocabulary.EOS)), TInt32.class), tf.constant(1)),
        tf.constant(0));
    Operand<TBool> isByte = tf.math.logicalAnd(tf.math.greaterEqual(ids, tf.constant(ByteVocabulary.OFFSET)),
        tf.math.less(ids, tf.constant(ByteVocabulary.OFFSET + ByteVocabulary.BYTES)));
    Operand<TBool> keep = tf.math.logicalAnd(isByte, tf.math.logicalNot(afterEos));
    // index 256 of the table is the empty string: what every dropped id becomes
    Operand<TInt32> index = tf.select(keep, tf.math.sub(ids, tf.constant(ByteVocabulary.OFFSET)),
        tf.fill(tf.shape(ids), tf.constant(ByteVocabulary.BYTES)));
    return tf.strings.reduceJoin(tf.gather(byteStrings(tf), index, tf.constant(0)), Shapes.of(tf, 1));
  }

  private static Operand<TString> byteStrings(Ops tf) {
    byte[][] table = new byte[ByteVocabulary.BYTES + 1][];
    for (int b = 0; b < ByteVocabulary.BYTES; b++) {
      table[b] = new byte[] {(byte) b};
    }
    table[ByteVocabulary.BYTES] = new byte[0];
    try (TString strings = TString.tensorOfBytes(NdArrays.vectorOfObjects(table))) {
      return tf.constantOf(strings);
    }
  }
}
