package io.expertize.annotations;

/** The training schemes (docs/methods.md), with the short names configuration uses. */
public enum Scheme {
  /** No experts: the model as written. */
  DENSE("dense"),
  /** ExFusion sw: experts fused with fixed weights 1/N. */
  STATIC("sw"),
  /** ExFusion dw: experts fused with learned weights. */
  DYNAMIC("dw"),
  /** ExFusion mb: experts fused with a router-fed momentum memory bank. */
  MEMORY_BANK("mb"),
  /** Random uniform partition of tokens over experts, with experts weights averaging. */
  EWA("ewa"),
  /** Router top-k mixture of experts (the baseline; not exactly fusible). */
  TOP_K("topk");

  private final String key;

  Scheme(String key) {
    this.key = key;
  }

  /** The configuration name ({@code fusion.scheme}). */
  public String key() {
    return key;
  }

  /** The scheme called {@code key} in configuration, e.g. {@code mb}. */
  public static Scheme fromKey(String key) {
    for (Scheme s : values()) {
      if (s.key.equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scheme '" + key + "'");
  }
}
