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
 * SavedModel takes and returns text. Sentinels are written as T5 writes them, {@code <extra_id_0>}
 * for the first (the top id of the vocabulary), {@code <extra_id_1>} for the next: in the input the
 * first {@value #WRITABLE_SENTINELS} are read as sentinels, in the output all are spelled out.
 */
public final class ByteText {
  /** Input sentinels become the bytes 0xFF, 0xFE, ... first, which UTF-8 never uses. */
  public static final int WRITABLE_SENTINELS = 8;
  private static final int FIRST_MARK = 0xFF;

  private ByteText() {}

  /** The spelling of sentinel {@code k} ({@code vocab - 1 - k}). */
  public static String sentinel(int k) {
    return "<extra_id_" + k + ">";
  }

  /** {@link #toIds(Ops, Operand, int, int)} in ByT5's vocabulary. */
  public static Operand<TInt32> toIds(Ops tf, Operand<TString> text, int length) {
    return toIds(tf, text, length, ByteVocabulary.SIZE);
  }

  /**
   * {@code [B]} strings to ids {@code [B, length]}: UTF-8 bytes + 3, {@code <extra_id_k>} as
   * sentinel {@code vocab - 1 - k}, cut to {@code length - 1} tokens, then eos, then padding.
   */
  public static Operand<TInt32> toIds(Ops tf, Operand<TString> text, int length, int vocab) {
    Operand<TString> marked = text;
    for (int k = 0; k < WRITABLE_SENTINELS; k++) {
      try (TString mark = TString.tensorOfBytes(NdArrays.scalarOfObject(new byte[] {(byte) (FIRST_MARK - k)}))) {
        marked = tf.strings.regexReplace(marked, tf.constant(sentinel(k)), tf.constantOf(mark));
      }
    }
    Operand<TString> cut = tf.strings.substr(marked, tf.constant(0), tf.constant(length - 1));
    Operand<TInt32> bytes = tf.dtypes.cast(tf.io.decodePaddedRaw(cut, tf.constant(length - 1), TUint8.class), TInt32.class);
    // a mark b stands for sentinel FIRST_MARK - b, whose id is vocab - 1 - (FIRST_MARK - b)
    Operand<TInt32> tokens = tf.select(tf.math.greater(bytes, tf.constant(FIRST_MARK - WRITABLE_SENTINELS)),
        tf.math.add(bytes, tf.constant(vocab - 1 - FIRST_MARK)), tf.math.add(bytes, tf.constant(ByteVocabulary.OFFSET)));
    Operand<TInt32> positions = tf.range(tf.constant(0), tf.constant(length), tf.constant(1));
    Operand<TInt32> textLength = tf.expandDims(tf.strings.stringLength(cut), tf.constant(1));
    Operand<TInt32> padded = tf.pad(tokens, tf.constant(new int[][] {{0, 0}, {0, 1}}), tf.constant(0));
    Operand<TInt32> inText = tf.dtypes.cast(tf.math.less(positions, textLength), TInt32.class);
    Operand<TInt32> eos = tf.dtypes.cast(tf.math.equal(positions, textLength), TInt32.class);
    return tf.math.add(tf.math.mul(padded, inText), tf.math.mul(eos, tf.constant(ByteVocabulary.EOS)));
  }

  /** The 1 / 0 mask of the ids that are not padding (encoder attention mask). */
  public static Operand<TFloat32> mask(Ops tf, Operand<TInt32> ids) {
    return tf.dtypes.cast(tf.math.notEqual(ids, tf.constant(ByteVocabulary.PAD)), TFloat32.class);
  }

  /** {@link #toText(Ops, Operand, int)} in ByT5's vocabulary. */
  public static Operand<TString> toText(Ops tf, Operand<TInt32> ids) {
    return toText(tf, ids, ByteVocabulary.SIZE);
  }

  /**
   * Ids {@code [B, L]} to {@code [B]} strings: the bytes before the first eos, sentinels spelled
   * {@code <extra_id_k>}; other specials dropped.
   */
  public static Operand<TString> toText(Ops tf, Operand<TInt32> ids, int vocab) {
    Operand<TBool> afterEos = tf.math.greater(
        tf.math.cumsum(tf.dtypes.cast(tf.math.equal(ids, tf.constant(ByteVocabulary.EOS)), TInt32.class), tf.constant(1)),
        tf.constant(0));
    Operand<TBool> isByte = tf.math.logicalAnd(tf.math.greaterEqual(ids, tf.constant(ByteVocabulary.OFFSET)),
        tf.math.less(ids, tf.constant(ByteVocabulary.OFFSET + ByteVocabulary.BYTES)));
    Operand<TBool> isSentinel = tf.math.logicalAnd(
        tf.math.greaterEqual(ids, tf.constant(vocab - ByteVocabulary.SENTINELS)), tf.math.less(ids, tf.constant(vocab)));
    // the table: 256 bytes, then the sentinels' spellings, then the empty string for everything dropped
    Operand<TInt32> dropped = tf.fill(tf.shape(ids), tf.constant(ByteVocabulary.BYTES + ByteVocabulary.SENTINELS));
    Operand<TInt32> index = tf.select(tf.math.logicalOr(afterEos, tf.math.logicalNot(tf.math.logicalOr(isByte, isSentinel))),
        dropped, tf.select(isByte, tf.math.sub(ids, tf.constant(ByteVocabulary.OFFSET)),
            tf.math.sub(tf.constant(ByteVocabulary.BYTES + vocab - 1), ids)));
    return tf.strings.reduceJoin(tf.gather(pieces(tf), index, tf.constant(0)), Shapes.of(tf, 1));
  }

  private static Operand<TString> pieces(Ops tf) {
    byte[][] table = new byte[ByteVocabulary.BYTES + ByteVocabulary.SENTINELS + 1][];
    for (int b = 0; b < ByteVocabulary.BYTES; b++) {
      table[b] = new byte[] {(byte) b};
    }
    for (int k = 0; k < ByteVocabulary.SENTINELS; k++) {
      table[ByteVocabulary.BYTES + k] = sentinel(k).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
    table[table.length - 1] = new byte[0];
    try (TString strings = TString.tensorOfBytes(NdArrays.vectorOfObjects(table))) {
      return tf.constantOf(strings);
    }
  }
}
