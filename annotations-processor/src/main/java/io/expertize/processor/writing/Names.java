package io.expertize.processor.writing;

import com.palantir.javapoet.ClassName;
import io.expertize.experts.GeneratedExpertBuilder;
import java.util.Locale;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Every name the generated code uses: the builder's class (the framework's naming rule, so the
 * framework finds it), the framework types it refers to (by name: the processor does not load them),
 * and its constants and locals.
 */
final class Names {
  static final String PROCESSOR = "io.expertize.processor.ExpertizeProcessor";
  static final ClassName GENERATED_EXPERT_BUILDER = experts("GeneratedExpertBuilder");
  static final ClassName PLAN_ASSEMBLY = experts("PlanAssembly");
  static final ClassName EXPERT_PLAN = experts("ExpertPlan");
  static final ClassName EXPERTIZE_FIELD = experts("ExpertizeField");
  static final ClassName FUSION_SETTINGS = experts("FusionSettings");
  static final ClassName FUSION_OVERRIDES = experts("FusionOverrides");
  static final ClassName FUSION_ATTRIBUTE = experts("FusionAttribute");
  static final ClassName MODULE_TREE = ClassName.get("io.expertize.graph", "ModuleTree");
  static final ClassName MODULE = ClassName.get("io.expertize.graph", "Module");
  static final ClassName SCHEME = ClassName.get("io.expertize.annotations", "Scheme");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  static final String SCHEME_CONSTANT = "SCHEME";
  static final String MODULE_CLASSES_CONSTANT = "MODULE_CLASSES";
  /** Names the generated method already uses; locals named after classes must not take them. */
  static final String[] METHOD_NAMES = {"tree", "overrides", "plan", "module"};

  private Names() {}

  /** The builder of {@code model}: {@code com.acme.Expertize_Net}, where the framework looks for it. */
  static ClassName builder(TypeElement model, Elements elements) {
    String name = GeneratedExpertBuilder.classNameFor(elements.getBinaryName(model).toString());
    int dot = name.lastIndexOf('.');
    return ClassName.get(dot < 0 ? "" : name.substring(0, dot), name.substring(dot + 1));
  }

  /** {@code BLOCK_MLP} for {@code Block.mlp}. */
  static String fieldConstant(TypeElement owner, VariableElement field) {
    return upperSnake(owner.getSimpleName().toString()) + "_" + upperSnake(field.getSimpleName().toString());
  }

  /** {@code block} for {@code Block}. */
  static String local(TypeElement type) {
    String simple = type.getSimpleName().toString();
    return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
  }

  private static String upperSnake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  private static ClassName experts(String simpleName) {
    return ClassName.get("io.expertize.experts", simpleName);
  }
}
