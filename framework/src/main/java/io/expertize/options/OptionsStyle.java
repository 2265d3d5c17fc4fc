package io.expertize.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * How Expertize's option types are generated (Immutables): the abstract type is the public face, its
 * nested {@code Builder} extends the generated one, and the generated class stays inside the package.
 * An option type declares each option once, as an accessor whose {@code @Value.Default} is its default
 * (for settings that a configuration key also sets, that key's default), and its checks in a
 * {@code @Value.Check} method. Its own package, below every other, so that layers ({@code nn}) and
 * settings ({@code train}, {@code data}) share one style without depending on each other.
 */
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false))
public @interface OptionsStyle {}
