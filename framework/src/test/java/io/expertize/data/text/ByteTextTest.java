package io.expertize.data.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/** Text to ids and back in the graph: bytes + 3, eos, padding; T5's sentinel spelling both ways. */
class ByteTextTest {

  private static int[][] ids(String[] texts, int length, int vocab) {
    return run(texts, (tf, in) -> ByteText.toIds(tf, in, length, vocab), r -> {
      TInt32 t = (TInt32) r.get(0);
      int[][] out = new int[texts.length][length];
      for (int b = 0; b < texts.length; b++) {
        for (int i = 0; i < length; i++) {
          out[b][i] = t.getInt(b, i);
        }
      }
      return out;
    });
  }

  private static String[] roundTrip(String[] texts, int length, int vocab) {
    return run(texts, (tf, in) -> ByteText.toText(tf, ByteText.toIds(tf, in, length, vocab), vocab), r -> {
      TString t = (TString) r.get(0);
      String[] out = new String[texts.length];
      for (int b = 0; b < texts.length; b++) {
        out[b] = new String(t.asBytes().getObject(b), StandardCharsets.UTF_8);
      }
      return out;
    });
  }

  private static <T> T run(String[] texts, BiFunction<Ops, Operand<TString>, Operand<?>> build,
      java.util.function.Function<Result, T> read) {
    try (Graph g = new Graph(); Session s = new Session(g);
        TString in = TString.tensorOf(NdArrays.vectorOfObjects(texts))) {
      Ops tf = Ops.create(g);
      Operand<TString> text = tf.placeholder(TString.class);
      Operand<?> out = build.apply(tf, text);
      try (Result r = s.runner().feed(text, in).fetch(out).run()) {
        return read.apply(r);
      }
    }
  }

  @Test
  void bytesThenEosThenPaddingAndGapsAsSentinelsFromTheTop() {
    int[][] ids = ids(new String[] {"ab", "a<extra_id_0>b<extra_id_1>", "<extra_id_8>"}, 6, 384);
    assertThat(ids[0]).containsExactly(100, 101, 1, 0, 0, 0);
    assertThat(ids[1]).containsExactly(100, 383, 101, 382, 1, 0);
    assertThat(ids[2]).startsWith('<' + 3, 'e' + 3).doesNotContain(375); // only the first 8 are read as gaps
    assertThat(ids(new String[] {"<extra_id_0>"}, 4, 32128)[0]).containsExactly(32127, 1, 0, 0);
  }

  @Test
  void roundTripSpellsSentinelsAndCutsToTheLength() {
    assertThat(roundTrip(new String[] {"Ünï ✓", "x<extra_id_7>y", "", "abcdefgh"}, 6, 384))
        .containsExactly("Ünï", "x<extra_id_7>y", "", "abcde"); // "Ünï ✓" is 9 bytes: 5 kept
    assertThat(roundTrip(new String[] {"<extra_id_2>z"}, 8, 32128)).containsExactly("<extra_id_2>z");
  }
}
