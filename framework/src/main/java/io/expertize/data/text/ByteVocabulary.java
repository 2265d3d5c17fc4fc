package io.expertize.data.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * ByT5's byte-level vocabulary: pad 0, eos 1, unk 2, then the 256 UTF-8 byte values ({@code id =
 * byte + 3}), then 125 sentinels at the top ({@code 383, 382, ...}), 384 ids in all. No tokenizer
 * file is needed.
 */
public final class ByteVocabulary {
  public static final int PAD = 0;
  public static final int EOS = 1;
  public static final int UNK = 2;
  public static final int OFFSET = 3;
  public static final int BYTES = 256;
  public static final int SENTINELS = 125;
  public static final int SIZE = OFFSET + BYTES + SENTINELS;

  private ByteVocabulary() {}

  /** The UTF-8 bytes of {@code text} as ids, without eos. */
  public static int[] encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int[] ids = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      ids[i] = (bytes[i] & 0xFF) + OFFSET;
    }
    return ids;
  }

  /** The text of the byte ids up to the first eos; specials and sentinels are skipped. */
  public static String decode(int[] ids) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length);
    for (int id : ids) {
      if (id == EOS) {
        break;
      }
      if (isByte(id)) {
        bytes.write(id - OFFSET);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  public static boolean isByte(int id) {
    return id >= OFFSET && id < OFFSET + BYTES;
  }
}
