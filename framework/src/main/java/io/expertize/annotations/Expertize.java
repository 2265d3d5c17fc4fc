package io.expertize.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a feed-forward field (a {@code FeedForwardNetwork}, plain or gated, or a list of them) to be
 * trained as a set of experts and fused back into one dense FFN for deployment. The scheme comes from
 * the model class's {@link FusionScheme}; configuration ({@code fusion.experts},
 * {@code fusion.placement}) overrides both values without recompiling.
 *
 * <p>The same field usually occurs once per Transformer block; {@link #placement()} chooses which
 * occurrences, counted in model order from 0 over the whole model.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Expertize {
  /** Experts per set; 1 leaves the FFN dense. */
  int experts() default 4;

  /**
   * Which occurrences become expert sets: {@code all}, {@code every-K} (blocks K-1, 2K-1, ...),
   * {@code odd}, {@code even}, {@code first-K}, {@code last-K}, or an explicit list {@code 0,3,5}.
   */
  String placement() default "all";
}
