package io.expertize.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scheme a model's {@link Expertize} fields train with, and its parameters (docs/methods.md).
 * Each attribute is described once, in {@code io.expertize.experts.FusionAttribute}: its valid range,
 * the schemes that read it and the {@code fusion.*} configuration key that overrides it; the
 * defaults below must equal that table's ({@code FusionAttributeTest} checks). Inherited: a subclass
 * (DeiT of ViT) trains with its parent's scheme unless it declares its own.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FusionScheme {
  Scheme value() default Scheme.MEMORY_BANK;

  /** mb: bank momentum δ. */
  double momentum() default 0.95;

  /** mb: one router per FFN for its up and down sets; false gives the down set its own router. */
  boolean sharedRouter() default true;

  /** mb: read the bank as {@code M / (1 - δ^t)} (ours, opt-in; the papers use the raw bank). */
  boolean biasCorrectedBank() default false;

  /** dw: softmax-normalise the learned weights (the papers leave them unconstrained). */
  boolean normalizedWeights() default false;

  /** EWA and Early EWA: share rate β. */
  double shareRate() default 0.3;

  /** EWA: how β moves over training (Early EWA always uses a constant β). */
  ShareSchedule shareSchedule() default ShareSchedule.LINEAR;

  /** top-k: experts per token. */
  int k() default 1;

  /** top-k: expert capacity as a multiple of an even share of the tokens. */
  double capacityFactor() default 1.05;

  /** top-k: weight λ of the Switch load-balancing loss. */
  double balanceLossWeight() default 0.01;

  /** top-k: Early EWA, averaging experts during this leading fraction of training (0 = off; published 0.5). */
  double earlyEwaFraction() default 0.0;
}
