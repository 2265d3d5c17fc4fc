package io.expertize.experts;

import io.expertize.annotations.Scheme;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import java.util.List;
import java.util.Optional;

/**
 * Builds a model's {@link ExpertPlan} with its generated builder when the annotation processor wrote
 * one that knows every module class in the model, and with {@link ReflectiveExpertBuilder} otherwise
 * (a class compiled without the processor, or a module whose class the processor could not see
 * from the declared field types, such as a user's layer held in a field typed {@code Module}).
 * Both give the same plan; the generated one reads no annotation and no field reflectively.
 */
public final class ExpertBuilders {
  private static final ClassValue<Optional<GeneratedExpertBuilder>> GENERATED = new ClassValue<>() {
    @Override
    protected Optional<GeneratedExpertBuilder> computeValue(Class<?> modelClass) {
      return load(modelClass);
    }
  };

  private ExpertBuilders() {}

  public static ExpertPlan build(ModuleTree tree, FusionOverrides overrides) {
    return generatedFor(tree)
        .map(b -> b.build(tree, overrides))
        .orElseGet(() -> ReflectiveExpertBuilder.build(tree, overrides));
  }

  /**
   * As {@link #build(ModuleTree, FusionOverrides)}; with {@code ffnInitMeanOf} N above 1 (dense
   * training only), the FFNs that sw would replace start as the mean of N draws, exactly sw's fused start.
   */
  public static ExpertPlan build(ModuleTree tree, FusionOverrides overrides, int ffnInitMeanOf) {
    ExpertPlan plan = build(tree, overrides);
    if (ffnInitMeanOf == 1) {
      return plan;
    }
    if (plan.scheme() != Scheme.DENSE) {
      throw new ExpertizeException(List.of("model.ffn-init-mean-of = " + ffnInitMeanOf + " starts dense FFNs as the "
          + "mean of that many draws; it applies to fusion.scheme=dense, not " + plan.scheme().key()
          + " (whose experts are drawn on their own): leave it at 1"));
    }
    FusionOverrides.Builder staticFusion = FusionOverrides.builder().scheme(Scheme.STATIC).experts(ffnInitMeanOf);
    overrides.placement().ifPresent(staticFusion::placement);
    return ExpertPlan.denseStartingAsMeanOf(build(tree, staticFusion.build()));
  }

  /** The generated builder of the model's class, if there is one and it knows every module class of this model. */
  public static Optional<GeneratedExpertBuilder> generatedFor(ModuleTree tree) {
    return GENERATED.get(tree.root().getClass()).filter(b -> covers(b, tree));
  }

  private static boolean covers(GeneratedExpertBuilder builder, ModuleTree tree) {
    for (Module m : tree.modules().values()) {
      Class<?> c = m.getClass();
      if (!c.getPackageName().equals(GeneratedExpertBuilder.FRAMEWORK_LAYERS) && !builder.moduleClasses().contains(c.getName())) {
        return false;
      }
    }
    return true;
  }

  /** The one reflective step of the generated path: finding the builder by its name, once per model class. */
  private static Optional<GeneratedExpertBuilder> load(Class<?> modelClass) {
    String name = GeneratedExpertBuilder.classNameFor(modelClass.getName());
    Class<?> type;
    try {
      type = Class.forName(name, true, modelClass.getClassLoader());
    } catch (ClassNotFoundException absent) {
      return Optional.empty();
    }
    try {
      return Optional.of(type.asSubclass(GeneratedExpertBuilder.class).getConstructor().newInstance());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException(name + " is not a usable generated builder of " + modelClass.getName()
          + " (" + e + "): rebuild the model with the current Expertize annotation processor", e);
    }
  }
}
