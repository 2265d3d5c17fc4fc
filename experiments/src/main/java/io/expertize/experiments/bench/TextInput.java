package io.expertize.experiments.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TString;

/**
 * A text-to-text model's input: short English sentences with one gap ({@code <extra_id_0>}), as a
 * span-corruption model is asked. The answers' lengths (and so the decoding time) are the model's.
 */
public record TextInput() implements ServingInput {
  static final String NAME = "inputs";
  static final List<String> PROMPTS = List.of(
      "The quick brown <extra_id_0> over the lazy dog.",
      "A fool and his <extra_id_0> are soon parted.",
      "You will be <extra_id_0> by a tall dark stranger.",
      "Never put off till tomorrow what you can <extra_id_0> today.",
      "The best way to predict the future is to <extra_id_0> it.",
      "He who laughs last <extra_id_0> best.",
      "There is no place like <extra_id_0>.",
      "All that glitters is not <extra_id_0>.");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String unit() {
    return "texts";
  }

  @Override
  public String describe() {
    return "string " + NAME + " [batch] of " + PROMPTS.size() + " English sentences with a gap, in turn";
  }

  @Override
  public Tensor batch(int size) {
    String[] texts = new String[size];
    for (int i = 0; i < size; i++) {
      texts[i] = PROMPTS.get(i % PROMPTS.size());
    }
    return TString.tensorOf(NdArrays.vectorOfObjects(texts));
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", NAME);
    m.put("dtype", "string");
    m.put("prompts", PROMPTS);
    return m;
  }
}
