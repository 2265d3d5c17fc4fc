package io.expertize.processor.validation;

/** The short tag that starts every message, so a build log can be searched and a rule looked up in docs/processor.md. */
public enum Tag {
  /** {@code @Expertize} on something that is not a feed-forward field of a module. */
  EXPERTIZE_TARGET("ExpertizeTarget"),
  /** {@code @Expertize(experts)} below 1. */
  EXPERTIZE_EXPERTS("ExpertizeExperts"),
  /** {@code @Expertize(placement)} that does not parse. */
  EXPERTIZE_PLACEMENT("ExpertizePlacement"),
  /** A placement naming occurrences beyond what the model's declared fields hold. */
  EXPERTIZE_DEPTH("ExpertizeDepth"),
  /** A field or class the generated builder cannot read. */
  EXPERTIZE_ACCESS("ExpertizeAccess"),
  /** {@code @FusionScheme} on a class that is not a module. */
  FUSION_SCHEME_TARGET("FusionSchemeTarget"),
  /** A {@code @FusionScheme} value outside its range. */
  FUSION_SCHEME_RANGE("FusionSchemeRange"),
  /** A parameter of one scheme given to another. */
  FUSION_SCHEME_PARAMETER("FusionSchemeParameter"),
  /** Top-k's k above the experts of a set. */
  FUSION_SCHEME_TOP_K("FusionSchemeTopK"),
  /** A model with {@code @Expertize} fields and no {@code @FusionScheme} (a warning). */
  FUSION_SCHEME_MISSING("FusionSchemeMissing"),
  /** The processor itself failed. */
  INTERNAL("ExpertizeInternal");

  private final String text;

  Tag(String text) {
    this.text = text;
  }

  String format(String message) {
    return "[" + text + "] " + message;
  }

  @Override
  public String toString() {
    return text;
  }
}
