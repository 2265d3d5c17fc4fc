package io.expertize.data.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteVocabularyTest {
  @Test
  void layoutIsByt5s() {
    assertThat(ByteVocabulary.SIZE).isEqualTo(3 + 256 + 125).isEqualTo(384);
    assertThat(ByteVocabulary.encode("Az ")).containsExactly('A' + 3, 'z' + 3, ' ' + 3);
    assertThat(ByteVocabulary.encode("é")).containsExactly(0xC3 + 3, 0xA9 + 3); // UTF-8 bytes, not code points
  }

  @Test
  void decodeInvertsEncodeAndStopsAtEos() {
    String text = "naïve café ☃, 100%";
    assertThat(ByteVocabulary.decode(ByteVocabulary.encode(text))).isEqualTo(text);
    int[] ids = {ByteVocabulary.PAD, 'h' + 3, 383, 'i' + 3, ByteVocabulary.EOS, 'x' + 3};
    assertThat(ByteVocabulary.decode(ids)).isEqualTo("hi"); // pad and sentinel skipped, nothing after eos
  }
}
