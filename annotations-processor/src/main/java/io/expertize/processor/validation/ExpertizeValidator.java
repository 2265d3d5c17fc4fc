package io.expertize.processor.validation;

import io.expertize.experts.ExpertizeField;
import io.expertize.experts.ExpertizeRules;
import io.expertize.experts.Placement;
import io.expertize.processor.model.Annotations;
import io.expertize.processor.model.DeclaredValues;
import io.expertize.processor.model.KnownTypes;
import io.expertize.processor.model.ModelStructure;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks one {@code @Expertize} field on its own: that it is an instance feed-forward field of a
 * module, that the generated builder can read it, and its values. Checks that need the model
 * (placement against the depth, top-k against the experts) are {@link ModelValidator}'s.
 */
public final class ExpertizeValidator {
  private final KnownTypes known;
  private final DeclaredValues values;

  public ExpertizeValidator(KnownTypes known, DeclaredValues values) {
    this.known = known;
    this.values = values;
  }

  public Report validate(VariableElement field) {
    Report report = new Report();
    AnnotationMirror expertize = Annotations.expertize(field);
    TypeElement owner = (TypeElement) field.getEnclosingElement();
    String name = values.qualifiedName(field);
    if (!known.isModule(owner.asType())) {
      report.error(Tag.EXPERTIZE_TARGET, "@Expertize on " + name + ": " + owner.getSimpleName() + " is not a Module, "
          + "so no model reaches this field; put @Expertize on a feed-forward field of a block or model "
          + "(a class extending io.expertize.graph.Module)", field, expertize, null);
      return report;
    }
    if (field.getModifiers().contains(Modifier.STATIC)) {
      report.error(Tag.EXPERTIZE_TARGET, "@Expertize on " + name + ": a static field belongs to no module; "
          + "make it an instance field", field, expertize, null);
      return report;
    }
    TypeMirror type = field.asType();
    if (type.getKind() != TypeKind.ERROR && !known.holdsFeedForward(type)) {
      report.error(Tag.EXPERTIZE_TARGET, ExpertizeRules.notFeedForward(name, held(type), feedForwardFields(owner)),
          field, expertize, null);
    }
    checkAccess(field, name, expertize, report);
    ExpertizeField declared = values.expertizeField(field, expertize);
    if (declared.experts() < 1) {
      report.error(Tag.EXPERTIZE_EXPERTS,
          ExpertizeRules.tooFewExperts("@Expertize(experts = " + declared.experts() + ") on " + name),
          field, expertize, Annotations.written(expertize, "experts").orElse(null));
    }
    try {
      Placement.parse(declared.placement());
    } catch (IllegalArgumentException bad) {
      report.error(Tag.EXPERTIZE_PLACEMENT,
          "@Expertize(placement = \"" + declared.placement() + "\") on " + name + ": " + bad.getMessage(),
          field, expertize, Annotations.written(expertize, "placement").orElse(null));
    }
    return report;
  }

  /** The generated builder reads the field from another class of the package: private is out of its reach. */
  private static void checkAccess(VariableElement field, String name, AnnotationMirror expertize, Report report) {
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(Tag.EXPERTIZE_ACCESS, "@Expertize on " + name + ": the generated builder reads this field directly "
          + "and cannot read a private one; make it package-private (remove 'private'). 'final' may stay: the "
          + "builder only reads it", field, expertize, null);
    }
    for (Element e = field.getEnclosingElement(); e instanceof TypeElement t; e = t.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        report.error(Tag.EXPERTIZE_ACCESS, "@Expertize on " + name + ": the generated builder must name its class, and "
            + t.getSimpleName() + " is private; make it package-private (remove 'private')", field, expertize, null);
      }
    }
  }

  /** What a field of this type holds, as the run-time message words it: "an Attention", "a List of Linear". */
  private String held(TypeMirror type) {
    if (known.isList(type)) {
      return known.listElement(type).map(e -> "a List of " + simpleName(e)).orElse("a List of unknown elements");
    }
    return ExpertizeRules.withArticle(simpleName(type));
  }

  private String simpleName(TypeMirror t) {
    Element e = known.types().asElement(t);
    return e != null ? e.getSimpleName().toString() : t.toString();
  }

  private List<String> feedForwardFields(TypeElement owner) {
    return ModelStructure.instanceFields(owner).stream()
        .filter(f -> known.holdsFeedForward(f.asType()))
        .map(f -> f.getSimpleName().toString())
        .toList();
  }
}
