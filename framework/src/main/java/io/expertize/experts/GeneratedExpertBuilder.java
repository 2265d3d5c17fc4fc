package io.expertize.experts;

import io.expertize.graph.ModuleTree;
import java.util.Set;

/**
 * What the annotation processor generates for a model class: its {@link ExpertPlan} built from
 * values fixed at compile time and direct reads of its {@code @Expertize} fields, with the rules of
 * {@link PlanAssembly}, so it equals what {@link ReflectiveExpertBuilder} builds. Found by name
 * ({@link #classNameFor}); {@link ExpertBuilders} uses it when it covers the model's modules.
 */
public interface GeneratedExpertBuilder {
  /** Prefix of every generated builder's simple name. */
  String PREFIX = "Expertize_";

  /**
   * The package of the framework's layers. They never declare {@code @Expertize} (models do), so a
   * builder covers them without having seen them, and they are left out of {@link #moduleClasses}.
   */
  String FRAMEWORK_LAYERS = "io.expertize.nn";

  /**
   * Binary names of the module classes the processor saw, from the model's declared fields: the
   * classes whose {@code @Expertize} fields this builder knows (framework layers aside).
   */
  Set<String> moduleClasses();

  ExpertPlan build(ModuleTree tree, FusionOverrides overrides);

  /**
   * The generated builder of the model class {@code binaryName}, in the same package:
   * {@code com.acme.Net} gives {@code com.acme.Expertize_Net}, {@code com.acme.Outer$Net} gives
   * {@code com.acme.Expertize_Outer_Net}.
   */
  static String classNameFor(String binaryName) {
    int dot = binaryName.lastIndexOf('.');
    String pkg = dot < 0 ? "" : binaryName.substring(0, dot + 1);
    return pkg + PREFIX + binaryName.substring(dot + 1).replace('$', '_');
  }
}
