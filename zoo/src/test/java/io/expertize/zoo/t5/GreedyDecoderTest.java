package io.expertize.zoo.t5;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.data.text.ByteText;
import io.expertize.data.text.ByteVocabulary;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.VariableStore;
import io.expertize.nn.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/** Greedy decoding in the graph against step-by-step decoding in Java, and text in, text out through a SavedModel. */
class GreedyDecoderTest {
  private static final T5Config TINY = T5Models.BYT5_SMALL.toBuilder().dModel(32).dFf(48).heads(2).dKv(8).encoderLayers(1).decoderLayers(2).build();
  private static final int TE = 10;
  private static final int MAX = 7;

  @Test
  void whileLoopPicksWhatStepByStepArgmaxPicks() {
    T5Model model = new T5Model(TINY);
    Random r = new Random(4);
    int[][] encoder = new int[3][TE];
    for (int[] row : encoder) {
      for (int i = 0; i < TE; i++) {
        row[i] = ByteVocabulary.OFFSET + r.nextInt(ByteVocabulary.BYTES);
      }
    }
    int[][] looped;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 7); // the seed of T5TestGraph: the same initial values
      variables.addParameters(ModuleTree.of(model));
      Placeholder<TInt32> ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, TE)));
      Operand<TInt32> decoded = GreedyDecoder.decode(tf, model, variables, Tokens.padded(ids, ByteText.mask(tf, ids)), MAX);
      s.initialize();
      try (TInt32 in = T5TestGraph.ids(encoder); Result out = s.runner().feed(ids, in).fetch(decoded).run()) {
        looped = T5TestGraph.rows((TInt32) out.get(0));
      }
    }
    try (T5TestGraph reference = T5TestGraph.inference(model, TE, MAX)) {
      int[][] buffer = new int[3][MAX + 1];
      for (int i = 0; i < MAX; i++) {
        int[][] decoderIds = Arrays.stream(buffer).map(row -> Arrays.copyOf(row, MAX)).toArray(int[][]::new);
        float[] logits = reference.logits(encoder, T5TestGraph.ones(3, TE), decoderIds);
        for (int b = 0; b < 3; b++) {
          boolean finished = Arrays.stream(buffer[b]).anyMatch(id -> id == T5Model.EOS_ID);
          buffer[b][i + 1] = finished ? T5Model.PAD_ID : argmax(logits, (b * MAX + i) * TINY.vocab(), TINY.vocab());
        }
      }
      assertThat(Arrays.stream(looped).flatMapToInt(Arrays::stream).filter(id -> id != T5Model.PAD_ID).count())
          .as("a random model writes more than one token per row").isGreaterThan(3);
      for (int b = 0; b < 3; b++) {
        assertThat(looped[b]).as("row %d", b).containsExactly(Arrays.copyOfRange(buffer[b], 1, MAX + 1));
      }
    }
  }

  @Test
  void textBecomesByteIdsWithEosAndComesBack() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TString> text = tf.constant(StandardCharsets.UTF_8, new String[] {"hi", "naïve ☃", "much too long for six"});
      Operand<TInt32> ids = ByteText.toIds(tf, text, 6);
      Operand<TString> back = ByteText.toText(tf, ids);
      try (Result r = s.runner().fetch(ids).fetch(back).run()) {
        int[][] rows = T5TestGraph.rows((TInt32) r.get(0));
        assertThat(rows[0]).containsExactly('h' + 3, 'i' + 3, ByteVocabulary.EOS, 0, 0, 0);
        assertThat(rows[2]).containsExactly('m' + 3, 'u' + 3, 'c' + 3, 'h' + 3, ' ' + 3, ByteVocabulary.EOS);
        TString strings = (TString) r.get(1);
        assertThat(strings.getObject(0)).isEqualTo("hi");
        assertThat(strings.getObject(1).getBytes(StandardCharsets.UTF_8))
            .containsExactly(Arrays.copyOf("naïve ☃".getBytes(StandardCharsets.UTF_8), 5)); // 5 bytes fit
        assertThat(strings.getObject(2)).isEqualTo("much ");
      }
    }
  }

  @Test
  void savedModelAnswersTextWithText(@TempDir Path dir) throws Exception {
    T5Model model = new T5Model(TINY);
    String[] questions = {"copy me", "hello, world"};
    String[] answers = new String[2];
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 3);
      variables.addParameters(ModuleTree.of(model));
      Placeholder<TString> text = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      Operand<TInt32> ids = ByteText.toIds(tf, text, TE);
      Operand<TString> reply = ByteText.toText(tf, GreedyDecoder.decode(tf, model, variables, Tokens.padded(ids, ByteText.mask(tf, ids)), MAX));
      s.initialize();
      try (TString in = TString.tensorOf(NdArrays.vectorOfObjects(questions));
          Result r = s.runner().feed(text, in).fetch(reply).run()) {
        for (int i = 0; i < 2; i++) {
          answers[i] = ((TString) r.get(0)).getObject(i);
        }
      }
      Signature serving = Signature.builder().key("serving_default").methodName("tensorflow/serving/predict")
          .input("text", text).output("reply", reply).build();
      SavedModelBundle.exporter(dir.toString()).withSession(s).withFunction(SessionFunction.create(serving, s)).export();
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
        TString in = TString.tensorOf(NdArrays.vectorOfObjects(questions));
        Result r = bundle.function("serving_default").call(Map.of("text", in))) {
      TString replies = (TString) r.get("reply").orElseThrow();
      assertThat(new String[] {replies.getObject(0), replies.getObject(1)}).containsExactly(answers);
    }
  }

  private static int argmax(float[] values, int from, int count) {
    int best = 0;
    for (int k = 1; k < count; k++) {
      if (values[from + k] > values[from + best]) {
        best = k;
      }
    }
    return best;
  }
}
