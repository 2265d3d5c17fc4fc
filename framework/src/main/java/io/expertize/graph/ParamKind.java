package io.expertize.graph;

/**
 * What a parameter is for. The kind chooses the default initialiser and whether AdamW decays it:
 * only weights of linear and convolution layers decay (timm's rule: no decay on biases, norm gains,
 * tokens and position embeddings).
 */
public enum ParamKind {
  /** Matrix or kernel of a linear / convolution layer: truncated normal, std 0.02, decayed. */
  WEIGHT(Initializer.truncatedNormal(0.02), true),
  /** Additive bias: zeros. */
  BIAS(Initializer.zeros(), false),
  /** Multiplicative gain of a norm layer: ones. */
  GAIN(Initializer.ones(), false),
  /** Learned tokens and position embeddings: truncated normal, std 0.02. */
  EMBEDDING(Initializer.truncatedNormal(0.02), false);

  private final Initializer defaultInitializer;
  private final boolean decayed;

  ParamKind(Initializer defaultInitializer, boolean decayed) {
    this.defaultInitializer = defaultInitializer;
    this.decayed = decayed;
  }

  public Initializer defaultInitializer() {
    return defaultInitializer;
  }

  /** Whether decoupled weight decay applies to parameters of this kind. */
  public boolean decayed() {
    return decayed;
  }
}
