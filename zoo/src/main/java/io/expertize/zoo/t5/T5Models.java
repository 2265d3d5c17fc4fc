package io.expertize.zoo.t5;

import static io.expertize.zoo.t5.FeedForwardKind.GATED_GELU;
import static io.expertize.zoo.t5.FeedForwardKind.RELU;

import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelProvider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named T5 configs at their reference settings (Hugging Face's configs; docs/zoo.md), and a tiny ByT5 that
 * pretrains on this machine's CPUs; registered as models ({@code model: t5_small}).
 */
public final class T5Models implements ModelProvider {
  public static final T5Config T5_SMALL = T5Config.builder().dModel(512).dFf(2048).heads(8).layers(6).vocab(32128)
      .feedForward(RELU).tiedOutput(true).build();
  public static final T5Config T5_BASE = T5Config.builder().dModel(768).dFf(3072).heads(12).layers(12).vocab(32128)
      .feedForward(RELU).tiedOutput(true).build();
  public static final T5Config T5_V1_1_SMALL = T5Config.builder().dModel(512).dFf(1024).heads(6).layers(8).vocab(32128)
      .feedForward(GATED_GELU).tiedOutput(false).build();
  public static final T5Config T5_V1_1_BASE = T5Config.builder().dModel(768).dFf(2048).heads(12).layers(12).vocab(32128)
      .feedForward(GATED_GELU).tiedOutput(false).build();
  /** Byte vocabulary: 3 specials + 256 bytes + 125 sentinels. */
  public static final T5Config BYT5_SMALL = T5Config.builder().dModel(1472).dFf(3584).heads(6).encoderLayers(12)
      .decoderLayers(4).vocab(384).feedForward(GATED_GELU).tiedOutput(false).build();
  /**
   * ByT5's layout (byte vocabulary, gated-GELU FFNs, own lm_head, a deeper encoder) at d_model 128:
   * 3 encoder and 2 decoder layers, 4 heads of 32, d_ff 256, no dropout (short runs).
   */
  public static final T5Config T5_TINY_FORTUNES =
      T5Config.builder().dModel(128).dFf(256).heads(4).dKv(32).encoderLayers(3).decoderLayers(2).vocab(384)
          .feedForward(GATED_GELU).tiedOutput(false).dropout(0.0).build();

  private static final Map<String, String> DESCRIPTIONS = Map.of(
      "t5_small", "T5 1.0 small: 6+6 layers of 512, ReLU FFN 2048, tied output",
      "t5_base", "T5 1.0 base: 12+12 layers of 768, ReLU FFN 3072, tied output",
      "t5_v1_1_small", "T5 v1.1 small: 8+8 layers of 512, gated-GELU FFN 1024, own lm_head",
      "t5_v1_1_base", "T5 v1.1 base: 12+12 layers of 768, gated-GELU FFN 2048, own lm_head",
      "byt5_small", "ByT5 small: 12+4 layers of 1472 over bytes, gated-GELU FFN 3584",
      "t5_tiny_fortunes", "ByT5 layout, 3+2 layers of 128, for span corruption on fortunes on a CPU");

  private static final Map<String, T5Config> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put("t5_small", T5_SMALL);
    BY_NAME.put("t5_base", T5_BASE);
    BY_NAME.put("t5_v1_1_small", T5_V1_1_SMALL);
    BY_NAME.put("t5_v1_1_base", T5_V1_1_BASE);
    BY_NAME.put("byt5_small", BYT5_SMALL);
    BY_NAME.put("t5_tiny_fortunes", T5_TINY_FORTUNES);
  }

  @Override
  public List<ModelFactory> models() {
    return BY_NAME.entrySet().stream()
        .<ModelFactory>map(e -> new T5Factory(e.getKey(), DESCRIPTIONS.get(e.getKey()), e.getValue()))
        .toList();
  }

  public static Map<String, T5Config> all() {
    return Collections.unmodifiableMap(BY_NAME);
  }

  public static T5Config named(String name) {
    T5Config c = BY_NAME.get(name);
    if (c == null) {
      throw new IllegalArgumentException("unknown T5 model '" + name + "'; known: " + String.join(", ", BY_NAME.keySet()));
    }
    return c;
  }
}
