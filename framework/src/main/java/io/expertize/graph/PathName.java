package io.expertize.graph;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the path segment of a child module field. By default a field {@code patchEmbed} becomes
 * {@code patch_embed}; reference checkpoints sometimes need other spellings ({@code wi_0} in T5).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface PathName {
  String value();
}
