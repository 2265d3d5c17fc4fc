package io.expertize.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.data.text.ByteText;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.ParamSource;
import io.expertize.nn.Seq2SeqModel;
import io.expertize.nn.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * A text-to-text model as served, bytes as its vocabulary: {@code serving_default} takes strings
 * ({@code inputs}) and answers strings ({@code outputs}, greedy decoding inside the graph, at most
 * {@code maxLength} tokens; also {@code output_ids}); {@code logits} scores target strings under
 * teacher forcing ({@code inputs}, {@code targets} in, {@code logits} {@code [batch, maxLength, vocab]}
 * out). Inputs are cut to {@code inputsLength - 1} tokens and end with eos, as in training; a gap
 * for the model to fill is written {@code <extra_id_0>} (to {@code <extra_id_7>}), and the answer
 * spells its sentinels the same way ({@link ByteText}).
 * Checked on probe texts: the logits within rounding of the trained model's, the greedy answers identical.
 */
public record TextServing(Seq2SeqModel model, int inputsLength, int maxLength) implements Serving {
  static final String TEXT_SIGNATURE = "serving_default";
  static final String LOGITS_SIGNATURE = "logits";
  /** Probe inputs and the targets scored against them: a gap to fill, plain text, accents, an empty string. */
  static final List<String> PROBE_INPUTS = List.of("A fool and his <extra_id_0> are soon parted.",
      "Nothing is certain but death and taxes", "Ünïcödé: ½ ✓", "", "What is the sound of one hand clapping?");
  static final List<String> PROBE_TARGETS = List.of("<extra_id_0> money", "taxes", "✓", "?", "one hand");

  public TextServing {
    if (maxLength < 1) {
      throw new IllegalArgumentException("the served decoding length must be positive, got " + maxLength);
    }
  }

  @Override
  public Map<String, SignatureDef> signatures(Ops tf, ParamSource parameters) {
    Placeholder<TString> inputs = tf.withName("inputs").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
    Placeholder<TString> targets = tf.withName("targets").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
    Tokens encoder = encoderInputs(tf, inputs);
    Operand<TInt32> answer = tf.withName("output_ids").identity(
        model.greedyDecode(tf, parameters, encoder, maxLength));
    Operand<TString> text = tf.withName("outputs").identity(ByteText.toText(tf, answer, model.vocabSize()));
    Operand<TFloat32> logits = tf.withName("logits").identity(
        teacherForced(tf, ForwardContext.inference(tf, parameters), encoder, targets));
    return Map.of(
        TEXT_SIGNATURE, SignatureDefs.predict(Map.of("inputs", inputs), Map.of("outputs", text, "output_ids", answer)),
        LOGITS_SIGNATURE, SignatureDefs.predict(Map.of("inputs", inputs, "targets", targets), Map.of("logits", logits)));
  }

  /** The served texts as the encoder reads them: byte ids and their padding mask, built once per graph. */
  private Tokens encoderInputs(Ops tf, Operand<TString> inputs) {
    Operand<TInt32> ids = ByteText.toIds(tf, inputs, inputsLength, model.vocabSize());
    return Tokens.padded(ids, ByteText.mask(tf, ids));
  }

  private Operand<TFloat32> teacherForced(Ops tf, ForwardContext ctx, Tokens encoder, Operand<TString> targets) {
    Operand<TInt32> targetIds = ByteText.toIds(tf, targets, maxLength, model.vocabSize());
    return model.logits(ctx, encoder, Tokens.unpadded(model.decoderInputs(tf, targetIds)));
  }

  @Override
  public Probe probe(Ops tf, ForwardContext trained, ParamSource fused) {
    Placeholder<TString> inputs = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
    Placeholder<TString> targets = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
    Tokens encoder = encoderInputs(tf, inputs);
    Operand<TFloat32> logits = teacherForced(tf, trained, encoder, targets);
    // greedy decoding runs on dense parameters only: the fused ones, which the export must reproduce exactly
    Operand<TString> answers = ByteText.toText(tf, model.greedyDecode(tf, fused, encoder, maxLength), model.vocabSize());
    return new Probe() {
      private float[] expectedLogits;
      private String[] expectedAnswers;

      @Override
      public void expect(Session session) {
        try (TString in = strings(PROBE_INPUTS); TString out = strings(PROBE_TARGETS);
            Result r = session.runner().feed(inputs, in).feed(targets, out).fetch(logits).fetch(answers).run()) {
          expectedLogits = floats((TFloat32) r.get(0));
          expectedAnswers = texts((TString) r.get(1));
        }
      }

      @Override
      public ProbeCheck compare(SavedModelBundle loaded) {
        String[] served;
        float[] servedLogits;
        try (TString in = strings(PROBE_INPUTS); TString out = strings(PROBE_TARGETS);
            Result text = loaded.function(TEXT_SIGNATURE).call(Map.of("inputs", in));
            Result scores = loaded.function(LOGITS_SIGNATURE).call(Map.of("inputs", in, "targets", out))) {
          served = texts((TString) text.get("outputs").orElseThrow());
          servedLogits = floats((TFloat32) scores.get("logits").orElseThrow());
        }
        if (!Arrays.equals(served, expectedAnswers)) {
          throw new IllegalStateException("the exported model, loaded back, answers " + Arrays.toString(served)
              + " where the trained model answers " + Arrays.toString(expectedAnswers) + " to "
              + PROBE_INPUTS + ": not exported. This is a bug; please report it with the run's config.yaml.");
        }
        double difference = 0;
        double scale = 0;
        for (int i = 0; i < servedLogits.length; i++) {
          difference = Math.max(difference, Math.abs((double) servedLogits[i] - expectedLogits[i]));
          scale = Math.max(scale, Math.abs(expectedLogits[i]));
        }
        return new ProbeCheck(PROBE_INPUTS.size(), "texts", difference, scale);
      }
    };
  }

  @Override
  public void describe(ObjectNode root) {
    ObjectNode input = root.putObject("input");
    input.put("inputs", "string [batch], UTF-8 text, <extra_id_0> to <extra_id_" + (ByteText.WRITABLE_SENTINELS - 1)
        + "> for gaps; cut to " + (inputsLength - 1) + " tokens (bytes, a gap one), then eos");
    input.put("targets", "string [batch] (logits signature), the text whose tokens are scored; cut to "
        + (maxLength - 1) + " bytes, then eos");
    input.put("vocabulary", "bytes (ByT5): id = byte + 3; 0 pad, 1 eos, 2 unk; sentinels from " + (model.vocabSize() - 1)
        + " down");
    ObjectNode output = root.putObject("output");
    output.put("outputs", "string [batch], greedy decoding of at most " + maxLength + " tokens, up to eos; "
        + "sentinels spelled <extra_id_k>, other specials dropped");
    output.put("output_ids", "int32 [batch, " + maxLength + "], the decoded ids, eos then padding");
    output.put("logits", "float32 [batch, " + maxLength + ", " + model.vocabSize() + "], next-token logits of targets");
  }

  private static TString strings(List<String> texts) {
    return TString.tensorOf(NdArrays.vectorOfObjects(texts.toArray(String[]::new)));
  }

  private static String[] texts(TString t) {
    String[] out = new String[(int) t.shape().get(0)];
    for (int i = 0; i < out.length; i++) {
      out[i] = new String(t.asBytes().getObject(i), StandardCharsets.UTF_8);
    }
    return out;
  }

  private static float[] floats(TFloat32 t) {
    float[] values = new float[Math.toIntExact(t.size())];
    t.asRawTensor().data().asFloats().read(values);
    return values;
  }
}
