package io.expertize.zoo.t5;

import static io.expertize.zoo.t5.FeedForwardKind.GATED_GELU;
import static io.expertize.zoo.t5.FeedForwardKind.RELU;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named T5 configs at their reference settings (REFERENCE-MODELS.md). Not yet in the model
 * registry, whose factories build image classifiers.
 */
public final class T5Models {
  public static final T5Config T5_SMALL = T5Config.reference(512, 2048, 8, 6, 6, 32128, RELU, true);
  public static final T5Config T5_BASE = T5Config.reference(768, 3072, 12, 12, 12, 32128, RELU, true);
  public static final T5Config T5_V1_1_SMALL = T5Config.reference(512, 1024, 6, 8, 8, 32128, GATED_GELU, false);
  public static final T5Config T5_V1_1_BASE = T5Config.reference(768, 2048, 12, 12, 12, 32128, GATED_GELU, false);
  /** Byte vocabulary: 3 specials + 256 bytes + 125 sentinels. */
  public static final T5Config BYT5_SMALL = T5Config.reference(1472, 3584, 6, 12, 4, 384, GATED_GELU, false);

  private static final Map<String, T5Config> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put("t5_small", T5_SMALL);
    BY_NAME.put("t5_base", T5_BASE);
    BY_NAME.put("t5_v1_1_small", T5_V1_1_SMALL);
    BY_NAME.put("t5_v1_1_base", T5_V1_1_BASE);
    BY_NAME.put("byt5_small", BYT5_SMALL);
  }

  private T5Models() {}

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
