package io.expertize.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.expertize.experts.ExpertizeField;
import io.expertize.experts.FusionAttribute;
import io.expertize.experts.FusionSettings;
import io.expertize.experts.GeneratedExpertBuilder;
import io.expertize.processor.model.Annotations;
import io.expertize.processor.model.DeclaredValues;
import io.expertize.processor.model.KnownTypes;
import io.expertize.processor.model.ModelStructure;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Writes a model's {@code Expertize_<Model>}: its {@code @FusionScheme} and {@code @Expertize}
 * values as constants, and a {@code build} that visits the model's modules in walk order and hands
 * each {@code @Expertize} field, read directly, to the framework's {@code PlanAssembly}. Never
 * validates: it runs only after a clean round.
 */
public class BuilderGenerator {
  private final Filer filer;
  private final Elements elements;
  private final DeclaredValues values;

  public BuilderGenerator(Filer filer, Elements elements) {
    this.filer = filer;
    this.elements = elements;
    this.values = new DeclaredValues(elements);
  }

  public void generate(TypeElement model, ModelStructure structure) throws IOException {
    JavaFile.builder(Names.builder(model, elements).packageName(), type(model, structure))
        .skipJavaLangImports(true)
        .build()
        .writeTo(filer);
  }

  private TypeSpec type(TypeElement model, ModelStructure structure) {
    TypeElement declaring = Annotations.declaringClass(model, KnownTypes.FUSION_SCHEME).orElseThrow();
    FusionSettings settings = values.fusionSettings(Annotations.fusionScheme(declaring));
    NameAllocator names = new NameAllocator();
    for (String reserved : Names.METHOD_NAMES) {
      names.newName(reserved);
    }
    names.newName(Names.SCHEME_CONSTANT);
    names.newName(Names.MODULE_CLASSES_CONSTANT);

    TypeSpec.Builder type = TypeSpec.classBuilder(Names.builder(model, elements))
        .addJavadoc("The expert plan of {@link $T}, built without reflection. Generated from its annotations:\n"
            + "rebuild after changing them.\n", ClassName.get(model))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(Names.GENERATED_EXPERT_BUILDER)
        .addOriginatingElement(model)
        .addField(FieldSpec.builder(Names.FUSION_SETTINGS, Names.SCHEME_CONSTANT, Modifier.PRIVATE, Modifier.STATIC,
            Modifier.FINAL).initializer(settingsLiteral(settings)).build());
    if (elements.getTypeElement(Names.GENERATED.canonicalName()) != null) {
      type.addAnnotation(AnnotationSpec.builder(Names.GENERATED).addMember("value", "$S", Names.PROCESSOR).build());
    }
    List<TypeElement> owners = structure.expertizeClasses();
    for (TypeElement owner : owners) {
      for (VariableElement field : ModelStructure.expertizeFields(owner)) {
        ExpertizeField declared = values.expertizeField(field, Annotations.expertize(field));
        type.addField(FieldSpec.builder(Names.EXPERTIZE_FIELD, names.newName(Names.fieldConstant(owner, field), field),
                Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T($S, $L, $S)", Names.EXPERTIZE_FIELD, declared.name(), declared.experts(),
                declared.placement())
            .build());
      }
    }
    type.addField(FieldSpec.builder(ParameterizedTypeName.get(Set.class, String.class), Names.MODULE_CLASSES_CONSTANT,
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T.of($L)", Set.class, moduleClasses(structure))
        .build());
    type.addMethod(MethodSpec.methodBuilder("moduleClasses")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(Set.class, String.class))
        .addStatement("return $N", Names.MODULE_CLASSES_CONSTANT)
        .build());
    type.addMethod(build(declaring, owners, names));
    return type.build();
  }

  private MethodSpec build(TypeElement declaring, List<TypeElement> owners, NameAllocator names) {
    CodeBlock.Builder body = CodeBlock.builder()
        .addStatement("$T plan = $T.of(tree, overrides, $N, $S)", Names.PLAN_ASSEMBLY, Names.PLAN_ASSEMBLY,
            Names.SCHEME_CONSTANT, values.binaryName(declaring));
    if (!owners.isEmpty()) {
      body.beginControlFlow("for ($T module : tree.modules().values())", Names.MODULE);
      for (TypeElement owner : owners) {
        String local = names.newName(Names.local(owner), owner);
        body.beginControlFlow("if (module instanceof $T $N)", wildcarded(owner), local);
        for (VariableElement field : ModelStructure.expertizeFields(owner)) {
          body.addStatement("plan.read($N, $N, $N.$N)", local, names.get(field), local, field.getSimpleName());
        }
        body.endControlFlow();
      }
      body.endControlFlow();
    }
    return MethodSpec.methodBuilder("build")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(Names.EXPERT_PLAN)
        .addParameter(Names.MODULE_TREE, "tree")
        .addParameter(Names.FUSION_OVERRIDES, "overrides")
        .addCode(body.add("return plan.build();\n").build())
        .build();
  }

  /** {@code Block}, or {@code Block<?>} for a generic one (no raw types in generated code). */
  private static TypeName wildcarded(TypeElement type) {
    ClassName raw = ClassName.get(type);
    if (type.getTypeParameters().isEmpty()) {
      return raw;
    }
    TypeName[] args = Collections.nCopies(type.getTypeParameters().size(), WildcardTypeName.subtypeOf(Object.class))
        .toArray(TypeName[]::new);
    return ParameterizedTypeName.get(raw, args);
  }

  /** The classes the builder vouches for: every concrete module class it saw, framework layers aside, sorted. */
  private CodeBlock moduleClasses(ModelStructure structure) {
    Set<String> names = new TreeSet<>();
    for (TypeElement type : structure.classes()) {
      String pkg = elements.getPackageOf(type).getQualifiedName().toString();
      if (!type.getModifiers().contains(Modifier.ABSTRACT) && !pkg.equals(GeneratedExpertBuilder.FRAMEWORK_LAYERS)) {
        names.add(values.binaryName(type));
      }
    }
    return names.stream().map(n -> CodeBlock.of("$S", n)).collect(CodeBlock.joining(", "));
  }

  /** {@code FusionSettings.defaults(Scheme.X)} with every attribute of the table written out, in its order. */
  private static CodeBlock settingsLiteral(FusionSettings s) {
    CodeBlock.Builder code = CodeBlock.builder()
        .add("$T.defaults($T.$L)", Names.FUSION_SETTINGS, Names.SCHEME, s.scheme().name()).indent().indent();
    for (FusionAttribute<?> a : FusionAttribute.all()) {
      if (a != FusionAttribute.SCHEME) {
        code.add("\n.with($T.$L, $L)", Names.FUSION_ATTRIBUTE, a.constantName(), literal(s.get(a)));
      }
    }
    return code.unindent().unindent().build();
  }

  /** A value of an attribute as Java source. */
  private static CodeBlock literal(Object v) {
    if (v instanceof Enum<?> e) {
      return CodeBlock.of("$T.$L", ClassName.get(e.getDeclaringClass()), e.name());
    }
    return CodeBlock.of("$L", v instanceof Double d ? number(d) : v);
  }

  /** A double as Java source that reads back to the same value (validation has ruled out NaN). */
  private static String number(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }
    return Double.toString(v);
  }
}
