package io.expertize.processor;

import io.expertize.processor.model.Annotations;
import io.expertize.processor.model.DeclaredValues;
import io.expertize.processor.model.KnownTypes;
import io.expertize.processor.model.ModelStructure;
import io.expertize.processor.validation.ExpertizeValidator;
import io.expertize.processor.validation.FusionSchemeValidator;
import io.expertize.processor.validation.ModelValidator;
import io.expertize.processor.validation.Report;
import io.expertize.processor.validation.Tag;
import io.expertize.processor.writing.BuilderGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * One round: validate -> print -> stop if not clean -> generate. Each element is handled inside a
 * guard, so a bug in the processor becomes an error on that element, never a javac crash.
 */
final class ProcessingStep {
  private final ProcessingEnvironment env;
  private final KnownTypes known;
  private final ExpertizeValidator expertize;
  private final FusionSchemeValidator fusionScheme;
  private final ModelValidator models;
  private final BuilderGenerator generator;
  /** Types whose superclass another processor has yet to write, by name: looked at in a later round. */
  private final Set<String> deferred = new LinkedHashSet<>();

  /** @param generator null to validate only */
  ProcessingStep(ProcessingEnvironment env, KnownTypes known, BuilderGenerator generator) {
    this.env = env;
    this.known = known;
    Elements elements = env.getElementUtils();
    DeclaredValues values = new DeclaredValues(elements);
    this.expertize = new ExpertizeValidator(known, values);
    this.fusionScheme = new FusionSchemeValidator(known, values);
    this.models = new ModelValidator(known, values, elements);
    this.generator = generator;
  }

  void process(RoundEnvironment round) {
    Report report = new Report();
    TypeElement expertizeType = env.getElementUtils().getTypeElement(KnownTypes.EXPERTIZE);
    TypeElement schemeType = env.getElementUtils().getTypeElement(KnownTypes.FUSION_SCHEME);
    for (VariableElement field : ElementFilter.fieldsIn(round.getElementsAnnotatedWith(expertizeType))) {
      guard(field, report, () -> report.addAll(expertize.validate(field)));
    }
    for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(schemeType))) {
      if (Annotations.declared(type, KnownTypes.FUSION_SCHEME).isPresent()) { // not merely inherited
        guard(type, report, () -> report.addAll(fusionScheme.validate(type)));
      }
    }
    Map<TypeElement, ModelStructure> toGenerate = new LinkedHashMap<>();
    List<TypeElement> compiled = compiled(round);
    for (TypeElement model : compiled.stream().filter(this::isModel).toList()) {
      guard(model, report, () -> {
        ModelStructure structure = ModelStructure.of(model, known, compiled);
        report.addAll(models.validate(model, structure));
        if (Annotations.declaringClass(model, KnownTypes.FUSION_SCHEME).isPresent()) {
          toGenerate.put(model, structure);
        }
      });
    }
    report.printTo(env.getMessager());
    if (!report.isClean() || generator == null) {
      return;
    }
    Report failures = new Report();
    toGenerate.forEach((model, structure) -> guard(model, failures, () -> generator.generate(model, structure)));
    failures.printTo(env.getMessager());
  }

  /** The module classes of this round, nested ones included, and those deferred from earlier rounds. */
  private List<TypeElement> compiled(RoundEnvironment round) {
    List<TypeElement> roots = new ArrayList<>(ElementFilter.typesIn(round.getRootElements()));
    List<String> retry = List.copyOf(deferred);
    deferred.clear();
    retry.stream().map(env.getElementUtils()::getTypeElement).filter(Objects::nonNull).forEach(roots::add);
    List<TypeElement> found = new ArrayList<>();
    roots.forEach(type -> collect(type, found));
    return found;
  }

  private void collect(TypeElement type, List<TypeElement> found) {
    if (type.getSuperclass().getKind() == TypeKind.ERROR) {
      // e.g. a nested Builder extending what Immutables or AutoValue writes this round: testing it for a
      // Module now would fix the missing supertype as an error in javac, and the generated code would not compile
      deferred.add(type.getQualifiedName().toString());
      return;
    }
    if (type.getKind() == ElementKind.CLASS && known.isModule(type.asType())) {
      found.add(type);
    }
    ElementFilter.typesIn(type.getEnclosedElements()).forEach(nested -> collect(nested, found));
  }

  /** A concrete module class with a {@code @FusionScheme} (maybe inherited), or an image classifier. */
  private boolean isModel(TypeElement type) {
    return !type.getModifiers().contains(Modifier.ABSTRACT)
        && (Annotations.declaringClass(type, KnownTypes.FUSION_SCHEME).isPresent()
            || known.isImageClassifier(type.asType()));
  }

  /** Something the processor does for one element, which may fail. */
  private interface Work {
    void run() throws Exception;
  }

  private static void guard(Element element, Report report, Work work) {
    try {
      work.run();
    } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
      report.error(Tag.INTERNAL, "the Expertize processor failed on " + element.getSimpleName() + ": " + e
          + ". This is a bug in the processor; please report it with this message. Until it is fixed, build "
          + "without the processor (the framework then builds the plan by reflection)", element, null, null);
    }
  }
}
