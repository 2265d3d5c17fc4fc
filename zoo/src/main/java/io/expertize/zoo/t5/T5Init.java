package io.expertize.zoo.t5;

import io.expertize.graph.Initializer;

/**
 * T5's initialisation (mesh TensorFlow, HF {@code _init_weights}): each projection draws with std
 * {@code fan_in^-0.5}, and q additionally by {@code d_kv^-0.5}, which is why attention logits are
 * not scaled. Truncated at two standard deviations like the framework's other initialisers.
 */
final class T5Init {
  private T5Init() {}

  static Initializer fanIn(long fanIn) {
    return Initializer.truncatedNormal(1 / Math.sqrt(fanIn));
  }

  static Initializer query(T5Config c) {
    return Initializer.truncatedNormal(1 / Math.sqrt((double) c.dModel() * c.dKv()));
  }
}
