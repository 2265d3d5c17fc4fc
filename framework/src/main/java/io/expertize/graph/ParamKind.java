package io.expertize.graph;

/**
 * What a parameter is for. The kind chooses the default initialiser and whether AdamW decays it, as
 * the references' optimizers do (timm's {@code create_optimizer}: every parameter decays except
 * 1-D ones, i.e. biases and norm gains, and the names the model's {@code no_weight_decay()} lists).
 * Weights of linear and convolution layers decay; biases and gains do not; learned tokens and
 * embeddings do not ({@link #EMBEDDING}: ViT and DeiT list {@code cls_token}, {@code dist_token} and
 * {@code pos_embed}) unless the reference leaves them out of its list ({@link #DECAYED_EMBEDDING}).
 */
public enum ParamKind {
  /** Matrix or kernel of a linear / convolution layer: truncated normal, std 0.02, decayed. */
  WEIGHT(Initializer.truncatedNormal(0.02), true),
  /** Additive bias: zeros. */
  BIAS(Initializer.zeros(), false),
  /** Multiplicative gain of a norm layer: ones. */
  GAIN(Initializer.ones(), false),
  /** Learned tokens and position embeddings: truncated normal, std 0.02. */
  EMBEDDING(Initializer.truncatedNormal(0.02), false),
  /**
   * An embedding the reference decays like a weight, because its {@code no_weight_decay()} does not
   * list it (PVT v1's {@code pos_embed1..4}: its list holds only {@code cls_token}): truncated normal,
   * std 0.02, decayed.
   */
  DECAYED_EMBEDDING(Initializer.truncatedNormal(0.02), true);

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
