package io.expertize.zoo.t5;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.VariableStore;
import io.expertize.nn.Shapes;
import io.expertize.nn.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The decoder run one token at a time on its key/value caches gives, at every position, the logits
 * of the whole decoder over the sequence (causal, so later tokens do not matter): T5 1.0's layout
 * (ReLU, tied output) and v1.1's (gated GELU, own lm_head), with padding in the encoder's input.
 */
class IncrementalDecodingTest {
  private static final int TE = 9;
  private static final int LENGTH = 6;
  private static final int BATCH = 3;

  @ParameterizedTest
  @ValueSource(strings = {"t5_small", "t5_v1_1_small"})
  void stepByStepLogitsEqualTheWholeDecoders(String name) {
    T5Config config = T5Models.named(name).toBuilder().dModel(32).dFf(48).heads(4).dKv(8).encoderLayers(2).decoderLayers(3).vocab(300).build();
    T5Model model = new T5Model(config);
    Random r = new Random(11);
    int[][] encoder = new int[BATCH][TE];
    float[][] mask = new float[BATCH][TE];
    int[][] decoder = new int[BATCH][LENGTH];
    for (int b = 0; b < BATCH; b++) {
      int tokens = TE - 3 * b; // rows 1 and 2 end in padding
      for (int i = 0; i < TE; i++) {
        encoder[b][i] = i < tokens ? 3 + r.nextInt(config.vocab() - 3) : T5Model.PAD_ID;
        mask[b][i] = i < tokens ? 1 : 0;
      }
      for (int i = 0; i < LENGTH; i++) {
        decoder[b][i] = i == 0 ? T5Model.PAD_ID : 3 + r.nextInt(config.vocab() - 3);
      }
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 5);
      variables.addParameters(ModuleTree.of(model));
      ForwardContext ctx = ForwardContext.inference(tf, variables);
      Operand<TInt32> encoderIds = tf.constant(encoder);
      Operand<TFloat32> encoderMask = tf.constant(mask);
      Operand<TInt32> decoderIds = tf.constant(decoder);
      Operand<TFloat32> whole = model.logits(ctx, Tokens.padded(encoderIds, encoderMask), Tokens.unpadded(decoderIds));

      List<BlockCache> caches = model.startDecoding(ctx, model.encode(ctx, Tokens.padded(encoderIds, encoderMask)), LENGTH);
      List<Operand<TFloat32>> steps = new ArrayList<>();
      for (int p = 0; p < LENGTH; p++) {
        Operand<TInt32> token = tf.slice(decoderIds, Shapes.of(tf, 0, p), Shapes.of(tf, -1, 1));
        steps.add(model.decodeStep(ctx, token, tf.constant(p), LENGTH, encoderMask, caches));
      }
      Operand<TFloat32> stepped = tf.concat(steps, tf.constant(1));
      s.initialize();
      try (Result out = s.runner().fetch(whole).fetch(stepped).run()) {
        float[] expected = floats((TFloat32) out.get(0));
        float[] actual = floats((TFloat32) out.get(1));
        assertThat(actual).hasSize(BATCH * LENGTH * config.vocab()).hasSameSizeAs(expected);
        float largest = 0;
        for (float v : expected) {
          largest = Math.max(largest, Math.abs(v));
        }
        assertThat(largest).as("logits are not trivially small").isGreaterThan(1e-2f);
        for (int k = 0; k < expected.length; k++) {
          assertThat(actual[k]).as("logit %d (row %d, position %d)", k, k / (LENGTH * config.vocab()),
              k / config.vocab() % LENGTH).isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-5f + 1e-5f * largest));
        }
      }
    }
  }

  private static float[] floats(TFloat32 t) {
    float[] values = new float[Math.toIntExact(t.size())];
    t.asRawTensor().data().asFloats().read(values);
    return values;
  }
}
